// An API key alone meters traffic; the policy must say the route is metering-only.
import { intendedFor, routeFinding } from "../../access/lookups";
import type { Rule } from "../types";
import { routeSubjects } from "../private/subjects";

export const ApiKeyIsNotAuthentication: Rule = {
  id: "api-key-is-not-authentication",
  title: "An API key alone needs a metering-only reason",
  severity: "high",
  rationale:
    "API keys are shared secrets handed to partners and sent in clear headers; AWS documents them as a metering " +
    "and throttling tool, not authentication. A method protected by a key alone must be one the policy marks " +
    "API_KEY with a reason saying why metering is enough.",
  equivalents: { kics: ["api_gateway_method_does_not_contains_an_api_key"] },
  subjects: routeSubjects((r) => r.apiKeyRequired === true),
  check(model, policies) {
    return (
      model.routes
        // "none" in any case is NONE to API Gateway.
        .filter((r) => typeof r.authorization === "string" && r.authorization.toUpperCase() === "NONE" && r.apiKeyRequired === true)
        .filter((r) => {
          const want = intendedFor(policies, r);
          return !(want?.type === "API_KEY" && (want.reason ?? "").trim() !== "");
        })
        .map((r) => routeFinding(r, `${r.routeKey ?? r.address} relies on an API key alone, and the policy has no API_KEY entry with a metering reason`))
    );
  },
};
