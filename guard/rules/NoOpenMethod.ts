// No method is open to anyone unless it is a CORS preflight or the policy says so with a reason.
import { intendedFor, isIntendedPreflight, routeFinding } from "./private/context";
import type { Rule } from "./types";

export const NoOpenMethod: Rule = {
  id: "no-open-method",
  title: "No open method without a reason in the policy",
  severity: "critical",
  rationale:
    "A method with authorization NONE and no API key can be called by anyone on the internet. Only CORS " +
    "preflight OPTIONS (MOCK, listed in the policy) and routes the policy marks NONE with a written reason may be open.",
  equivalents: {
    checkov: ["CKV_AWS_59"],
    kics: ["api_gateway_with_open_access", "api_gateway_method_does_not_contains_an_api_key"],
    trivy: ["AVD-AWS-0004"],
    cdkNag: ["APIG4"],
  },
  check(model, policies) {
    return model.routes
      .filter((r) => r.authorization === "NONE" && r.apiKeyRequired !== true)
      .filter((r) => !isIntendedPreflight(policies, r))
      .filter((r) => {
        const want = intendedFor(policies, r);
        return !(want?.type === "NONE" && (want.reason ?? "").trim() !== "");
      })
      .map((r) => routeFinding(r, `${r.routeKey ?? r.address} has authorization NONE and no API key, and the policy gives no reason for it to be open`));
  },
};
