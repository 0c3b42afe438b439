// No secret is written literally in the Terraform a repository holds: API key values, user passwords, client and
// origin secrets, SecureString parameters, secret versions and credential-named Lambda environment variables.
import { holderName, secretSpots, SECRET_TYPES, type SecretSpot } from "../../access/secrets";
import type { LiteralSource } from "../../model";
import { secretHolderSubjects } from "../private/subjects";
import type { Rule, RuleFinding } from "../types";

/** Where the literal is, in words; never the value. */
function where(source: LiteralSource): string {
  switch (source.kind) {
    case "constant":
      return "a constant in the configuration";
    case "default":
      return `the default of variable ${source.variable}`;
    case "unverifiable":
      return source.why;
  }
}

function finding(s: SecretSpot, source: LiteralSource): RuleFinding {
  const name = holderName(s.resource);
  const holder = `${SECRET_TYPES[s.resource.type]}${name !== undefined ? ` ${JSON.stringify(name)}` : ""}`;
  // Which attribute, and whether it is shown as a literal or not verified: one finding per spot of the resource.
  const base = { address: s.resource.address, file: s.resource.source.file, detail: `${s.path} ${source.kind === "unverifiable" ? "unverified" : "literal"}` };
  if (source.kind === "unverifiable") {
    // Not shown is never passed: reported one step below what a literal would be.
    return {
      ...base,
      message: `${holder}: ${s.path} (${s.what}) may be written literally, not verified: ${where(source)}`,
      severity: s.authenticates ? "medium" : "low",
    };
  }
  return {
    ...base,
    message: `${holder}: ${s.path} (${s.what}) is written literally: ${where(source)}; anyone who can read the repository or its plans holds it`,
    ...(s.authenticates ? {} : { severity: "medium" as const }),
  };
}

export const SecretLiteral: Rule = {
  id: "secret-literal",
  title: "No secret is written literally in the configuration",
  severity: "high",
  rationale:
    "A secret written in the Terraform (a constant, or the default of a variable) is known to everyone who can read the " +
    "repository, its history, its forks and every plan made from it, and it cannot be rotated without a commit. An API " +
    "key value, a user's password, a federated client secret, or the origin-verify header that CloudFront sends and the " +
    "regional web ACL admits let their holder in as a caller (high); a SecureString parameter, a secret version or a " +
    "credential-named Lambda environment variable exposes what it protects (medium). An empty default, or one the plan " +
    "overrides with a value given at plan time, is not the secret used. Take the value from a variable " +
    "without a default (marked sensitive), a generated value (random_password) or a secret store. Judged by the " +
    "expression's shape, never its value: a plan redacts sensitive values.",
  equivalents: { checkov: ["CKV_SECRET_6", "CKV_AWS_45"], kics: ["passwords_and_secrets"] },
  subjects: secretHolderSubjects,
  check: (model) => secretSpots(model).flatMap((s) => (s.literal === undefined ? [] : [finding(s, s.literal)])),
};
