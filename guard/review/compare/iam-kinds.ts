// The kinds of the IAM comparer (iam.ts): who can obtain credentials that invoke an AWS_IAM route.
import { defineKinds } from "../kind-catalogue";

export const IAM_KINDS = defineKinds({
  "iam-invokers-widened": {
    severity: "blocking",
    title: "IAM invokers widened",
    explanation:
      "an `AWS_IAM` route gains an invoking role, or a new principal anywhere in the trust chain of one (`*`, another account, a service, a role that trusts them); the subject names the route, the message who could call before → after",
  },
  "group-role-privileged": {
    severity: "blocking",
    title: "group role privileged",
    explanation:
      "a role handed to Cognito group members now holds `iam:PassRole`, `*` actions, a NotAction grant, execute-api:Invoke on every API, the API Gateway control plane (`apigateway:*`), or a policy that cannot be read",
  },
  "managed-policy-unverified": {
    severity: "blocking",
    title: "managed policy not verified",
    explanation: "a role gets a managed policy ARN whose document the review does not know",
  },
  "iam-deny-removed": {
    severity: "blocking",
    title: "IAM Deny removed",
    explanation:
      "a Deny of execute-api:Invoke a role had is no longer covered by one of its head Denies (removed, narrowed, made conditional, turned into `NotResource`, or moved to a policy known only after apply) while its Allow still reaches into it; the subject names the role, the message the routes it now reaches, or, with no route there yet, the pattern (`GET/reports/*/*`) and the route it lay below: a route added there later would be reachable",
  },
});
