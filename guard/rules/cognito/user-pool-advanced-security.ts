// User pools enforce threat protection (advanced security ENFORCED, or the PLUS feature plan with it on).
import { poolFinding } from "../private/pool";
import { show } from "../../access/lookups";
import type { Rule } from "../types";
import { userPoolSubjects } from "../private/subjects";

export const UserPoolAdvancedSecurity: Rule = {
  id: "user-pool-advanced-security",
  title: "User pool advanced security is ENFORCED",
  severity: "medium",
  rationale: "Threat protection blocks sign-ins with leaked credentials and adapts to risky sign-ins; AUDIT only records them.",
  equivalents: { cdkNag: ["COG8"] },
  subjects: userPoolSubjects,
  check(model) {
    return model.userPools
      .filter((p) => {
        const mode = p.settings.advancedSecurityMode;
        const plus = p.settings.tier === "PLUS";
        // The PLUS plan includes threat protection; an explicit OFF/AUDIT mode still turns enforcement off.
        return !(mode === "ENFORCED" || (plus && mode === undefined));
      })
      .map((p) =>
        poolFinding(p.resource, `advanced_security_mode is ${show(p.settings.advancedSecurityMode ?? "OFF")} (user_pool_tier ${show(p.settings.tier)})`),
      );
  },
};
