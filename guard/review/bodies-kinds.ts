// The kind of the OpenAPI body comparer (bodies.ts).
import { defineKinds } from "./kind-catalogue";

export const BODY_KINDS = defineKinds({
  "openapi-body-unverifiable": {
    severity: "blocking",
    title: "OpenAPI body not verifiable",
    explanation:
      "an API's OpenAPI `body` in the head is known only after apply (templatefile, jsonencode of computed values) or cannot be read: the routes it declares and their authorization are not visible, so it blocks every time. A readable body's operations are routes like method resources: `security: []` on one shows as `auth-removed` naming that route",
  },
});
