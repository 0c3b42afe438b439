// User pools have MFA ON or OPTIONAL with TOTP enabled.
import { poolFinding } from "../private/pool";
import { plain, show } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";
import { userPoolSubjects } from "../private/subjects";

export const UserPoolMfa: Rule = {
  id: "user-pool-mfa",
  title: "User pool MFA is ON or OPTIONAL with TOTP",
  severity: "high",
  rationale: "Without MFA a phished or reused password is a full account takeover. TOTP (software token) is the factor that needs no SMS spend or SIM trust.",
  equivalents: { kics: ["cognito_userpool_without_mfa"], cdkNag: ["COG2"] },
  subjects: userPoolSubjects,
  check(model) {
    const out: RuleFinding[] = [];
    for (const p of model.userPools) {
      const { mfa, totpEnabled } = p.settings;
      if (mfa !== "ON" && mfa !== "OPTIONAL") out.push(poolFinding(p.resource, `mfa_configuration is ${show(mfa)}`, `mfa_configuration=${plain(mfa)}`));
      if (totpEnabled !== true) out.push(poolFinding(p.resource, "software_token_mfa_configuration.enabled (TOTP) is not true", "totp"));
    }
    return out;
  },
};
