// User pools have MFA ON or OPTIONAL with TOTP enabled.
import { firstBlock } from "../load/json";
import { poolFinding } from "./private/pool";
import { show } from "../access/context";
import type { Rule, RuleFinding } from "./types";

export const UserPoolMfa: Rule = {
  id: "user-pool-mfa",
  title: "User pool MFA is ON or OPTIONAL with TOTP",
  severity: "high",
  rationale: "Without MFA a phished or reused password is a full account takeover. TOTP (software token) is the factor that needs no SMS spend or SIM trust.",
  equivalents: { kics: ["cognito_userpool_without_mfa"], cdkNag: ["COG2"] },
  check(model) {
    const out: RuleFinding[] = [];
    for (const p of model.userPools) {
      const mfa = p.resource.values["mfa_configuration"];
      if (mfa !== "ON" && mfa !== "OPTIONAL") out.push(poolFinding(p.resource, `mfa_configuration is ${show(mfa ?? "OFF")}`));
      const totp = firstBlock(p.resource.values["software_token_mfa_configuration"]);
      if (totp?.["enabled"] !== true) out.push(poolFinding(p.resource, "software_token_mfa_configuration.enabled (TOTP) is not true"));
    }
    return out;
  },
};
