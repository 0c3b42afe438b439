// The kinds of the identity-mapping comparer (identity-mapping.ts): who the backend thinks the caller is.
import { defineKinds } from "../kind-catalogue";

export const IDENTITY_MAPPING_KINDS = defineKinds({
  "identity-from-caller": {
    severity: "blocking",
    title: "identity from the caller",
    explanation:
      "a value the base took from a verified identity now comes from the caller: a mapping's source changed (``backend `petstore-dev-backend`: petstore-dev GET /pets (integration \u2026): header X-User-Id now from the caller (method.request.header.X-User-Id), before from the token (context.authorizer.claims.sub)``), the mapping went from a proxy integration (the caller's own header passes through), an HTTP API `append:` of the caller's value joined it, or a template field changed; or a new caller-chosen value under a name that says identity (`user`, `sub`, `principal`, `role`, `group`, `tenant`, `account`, `owner`, `email`, `claims`, `scope`, `admin`, `on-behalf-of`, \u2026 split at `-`, `_`, `.` and case) or under a name the base fed from identity; or the caller's whole body now passed through (`passthrough_behavior`) where the base's template wrote identity fields",
  },
  "mapping-from-caller": {
    severity: "blocking",
    title: "fixed value now from the caller",
    explanation:
      "a value the configuration fixed (a literal, a stage variable, the request context, or a caller header an HTTP API `remove:` stripped) now comes from the caller",
  },
  "identity-mapping-changed": {
    severity: "blocking",
    title: "identity mapping changed",
    explanation:
      "an identity value now comes from another verified source (another claim), a literal (`'admin'` for every caller) or the configuration; or a name that says identity gets another literal or a new one",
  },
  "identity-mapping-not-verified": {
    severity: "blocking",
    title: "identity mapping not verified",
    explanation:
      "a mapping or a template that cannot be read changed (VTL logic, a value known only after apply, a key the reader does not know), or a value now comes from something the review cannot read",
  },
});
