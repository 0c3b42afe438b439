// Fixtures of the access rules (the policy weighed against the whole configuration). Written to
// <rule-id>/{fail,pass}.tf.json by ../generate.ts.
import type { RuleFixtures } from "../private/fixture-types";
import { breakage, pair } from "../private/fixture-sources";

export const ACCESS_FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "method-matches-policy": breakage("method-matches-policy"),
  "no-open-method": breakage("no-open-method"),
  "backend-doors-intended": pair("door-permission-no-source", "door-permission-own-api"),
  "openapi-body-verified": pair("alternative-anonymous", "twin-reordered"),
  "unresolved-reference": breakage("unresolved-reference"),
  "secret-literal": breakage("secret-literal"),
};
