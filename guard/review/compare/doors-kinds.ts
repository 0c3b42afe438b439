// The kinds of the doors comparer (doors.ts): every way to a backend.
import { defineKinds } from "../kind-catalogue";

export const DOOR_KINDS = defineKinds({
  "door-added": {
    severity: "blocking",
    title: "door added",
    explanation:
      "a target gets a door the base did not have: a function URL, a Lambda permission, direct invocation by an identity, or an entrance (distribution, custom domain, execute-api endpoint, execute-api VPC endpoint of a private API) no target had in the base; a Lambda permission for an API that is none of the configuration's is one, not verified. Message: ``backend `petstore-dev-backend`: new door function URL (NONE): anyone on the internet`` (a function no API reaches is named ``function `petstore-dev-side` ``)",
  },
  "door-widened": {
    severity: "blocking",
    title: "door widened",
    explanation:
      "a door lets in principals it did not: a permission or function URL widened, an IAM user or group newly granted `execute-api:Invoke` on a route, a distribution that stops running the verifier, a VPC endpoint whose policy admits principals it did not (any principal inside it, instead of one role)",
  },
  "door-weaker-route": {
    severity: "blocking",
    title: "weaker route to a target",
    explanation:
      "a new route to a target is weaker, in the type table's rank (`kernel/authorization-types.ts`), than every route the base had to that target; or, beside routes of its own scoped type (COGNITO, JWT) to that target, it admits tokens none of them admitted: it requires no scope while each of them requires one (no scopes is weaker than scopes), or it lists a scope none of them accepts. API Gateway admits a token holding any one listed scope, so a longer list is wider: the new route's scopes must each be accepted by one of its neighbours (a superset of one neighbour's list is fine while the neighbours together accept every scope in it); scopes known only after apply are not verified and block",
  },
  "door-not-verified": {
    severity: "blocking",
    title: "door not verified",
    explanation:
      "a door the base could read no longer can (a function URL's `authorization_type` or a permission's principal known only after apply); a new door that cannot be read is `door-added` with the reason (a literal execute-api origin, a mapping naming no API of the configuration). A route's unreadable authorization is the route comparer's; a route whose integration URI cannot be read goes to an unknown target, compared by type with that target's other routes; a route whose integration is named by a value that links none or several (a state document, the live account: a target `integrations/<id>` of no integration of its API) goes to a not-verified target of its own and is `door-added` with the reason",
  },
});
