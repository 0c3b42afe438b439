// User pools require long passwords with all four character classes.
import { poolFinding } from "../private/pool";
import { plain, show } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";
import { userPoolSubjects } from "../private/subjects";

const MIN_LENGTH = 12;
const CLASSES = [
  ["require_lowercase", "requireLowercase"],
  ["require_uppercase", "requireUppercase"],
  ["require_numbers", "requireNumbers"],
  ["require_symbols", "requireSymbols"],
] as const;

export const UserPoolPasswordPolicy: Rule = {
  id: "user-pool-password-policy",
  title: "User pool password policy: length >= 12, all four character classes",
  severity: "medium",
  rationale: "Cognito's default allows 8 characters. Short or single-class passwords fall to credential stuffing and guessing long before MFA is reached.",
  equivalents: { cdkNag: ["COG1"] },
  subjects: userPoolSubjects,
  check(model) {
    const out: RuleFinding[] = [];
    for (const p of model.userPools) {
      const pp = p.settings.passwordPolicy;
      if (pp === undefined) {
        out.push(
          poolFinding(
            p.resource,
            `no password_policy (Cognito defaults to ${show(p.settings.effectivePassword.minimumLength)} characters)`,
            "password_policy none",
          ),
        );
        continue;
      }
      const len = pp.minimumLength;
      if (typeof len !== "number" || len < MIN_LENGTH)
        out.push(poolFinding(p.resource, `minimum_length is ${show(len ?? null)}, want >= ${MIN_LENGTH}`, `minimum_length=${plain(len ?? null)}`));
      for (const [attr, key] of CLASSES) if (pp[key] !== true) out.push(poolFinding(p.resource, `${attr} is ${show(pp[key] ?? null)}`, attr));
    }
    return out;
  },
};
