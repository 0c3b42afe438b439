// No method is open to anyone unless it is a CORS preflight or the policy says so with a reason.
import { isUnknown } from "../../model";
import { connectionNote, intendedFor, isIntendedPreflight, routeFinding, show } from "../../access/lookups";
import { edgeProtectionGap } from "../../access/origin";
import { callersOf, callersText } from "../../access/resource-policy";
import type { Rule, RuleFinding } from "../types";
import { routeSubjects } from "../private/subjects";

export const NoOpenMethod: Rule = {
  id: "no-open-method",
  title: "No open method without a reason in the policy",
  severity: "critical",
  rationale:
    "A method with authorization NONE and no API key can be called by anyone on the internet. Only CORS " +
    "preflight OPTIONS (MOCK, listed in the policy, or any MOCK preflight when no policy names the API), routes the policy marks NONE with a written reason, and routes " +
    "the policy marks EDGE while edge protection holds (every stage admits CloudFront only, a viewer-request " +
    "verifier on every distribution in front of the API) may be open. A REST route API Gateway refuses to everyone " +
    "(a PRIVATE API without a resource policy, a resource policy that allows no caller or denies it to everyone " +
    "unconditionally) is unreachable, not open. A route that only the callers its resource policy names can reach " +
    "(through VPC endpoint vpce-..., from VPC vpc-..., from an address range, principals of an organisation or " +
    "account) is still open to them without authentication: reported as high, naming them. So is a route of a REST " +
    "or HTTP API whose only way in is a custom domain with mutual TLS (disable_execute_api_endpoint = true, no " +
    "distribution in front, every mapped domain with a truststore): open to every holder of a client certificate the " +
    "truststore accepts, which proves the TLS client, not a route-level authorization. A condition the check " +
    "cannot read never narrows: the route counts as open to anyone.",
  equivalents: {
    checkov: ["CKV_AWS_59"],
    kics: ["api_gateway_with_open_access", "api_gateway_method_does_not_contains_an_api_key"],
    trivy: ["AVD-AWS-0004"],
    cdkNag: ["APIG4"],
  },
  subjects: routeSubjects(),
  check(model, policies) {
    const out: RuleFinding[] = [];
    for (const r of model.routes) {
      // API Gateway takes "none" in any case as NONE: an open method, whatever the spelling.
      const open = typeof r.authorization === "string" && r.authorization.toUpperCase() === "NONE";
      // Known only after apply: not verified, never a pass (a body operation's reason is openapi-body-verified's).
      if (isUnknown(r.authorization) && r.unverified === undefined) {
        out.push(
          routeFinding(
            r,
            `${r.routeKey ?? r.address}: authorization ${show(r.authorization)} is known only after apply, so whether it is open is not verified`,
            { severity: "info" },
          ),
        );
        continue;
      }
      if (!open || r.apiKeyRequired === true || isIntendedPreflight(policies, r)) continue;
      // Who reaches it past the endpoint and the resource policy: nobody (unreachable, not open), some, or anyone.
      const callers = callersOf(model, r);
      const label = `${r.routeKey ?? r.address}${connectionNote(r)}`;
      if (callers.kind === "nobody") {
        out.push(routeFinding(r, `${label} has authorization NONE but is not reachable: ${callers.why}`, { severity: "info" }));
        continue;
      }
      const want = intendedFor(policies, r);
      if (want?.type === "EDGE") {
        const gap = r.api === undefined ? "its API did not resolve" : edgeProtectionGap(model, r.api);
        if (gap !== undefined)
          out.push(routeFinding(r, `${label} has authorization NONE and no API key; the policy says EDGE, but the edge is not the only way in: ${gap}`));
        continue;
      }
      if (want?.type === "NONE" && (want.reason ?? "").trim() !== "") continue;
      // Without any policy, say so rather than blame a policy the user has not written yet.
      const why = policies.policies.length === 0 ? "no policy says it is meant to be open (none is loaded)" : "the policy gives no reason for it to be open";
      out.push(
        routeFinding(
          r,
          `${label} has authorization NONE and no API key${callers.kind === "anyone" ? "" : `: open to ${callersText(callers)}`}, and ${why}`,
          // Open to some callers only: who they are is the detail, so an entry for them does not accept a wider set.
          callers.kind === "restricted" ? { severity: "high", detail: `open-to ${JSON.stringify([...callers.classes].sort())}` } : {},
        ),
      );
    }
    return out;
  },
};
