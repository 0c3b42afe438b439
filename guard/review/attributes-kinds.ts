// The kinds of the attribute walk (attributes.ts): every attribute of the in-scope resources, nothing silent.
import { defineKinds } from "./kind-catalogue";

export const ATTRIBUTE_KINDS = defineKinds({
  "attribute-not-verified": {
    severity: "blocking",
    title: "attribute not verified",
    explanation:
      "an attribute classified *not verified* changed (or, on a new resource, is set where that alone opens something): the message names the attribute, both values and why it matters",
  },
  "attribute-widened": {
    severity: "blocking",
    title: "attribute widened",
    explanation:
      "a *modelled* or *rule* attribute changed in its widening direction and no comparer reported a change for that resource (e.g. `authorizer_result_ttl_in_seconds: 300 → 3600`)",
  },
  "attribute-narrowed": {
    severity: "info",
    title: "attribute narrowed",
    explanation: "a *modelled* or *rule* attribute changed, not in its widening direction, and no comparer reported a change for that resource",
  },
  "attribute-judged": {
    severity: "info",
    title: "attribute judged",
    explanation: "an attribute of direction *judged* changed and its module's comparer found no widening: shown, so that no comment calls this no change",
  },
  "resource-not-verified": {
    severity: "blocking",
    title: "resource not verified",
    explanation:
      "a resource of a type nothing in the review models was added or removed (an `aws_cognito_identity_provider`, an `aws_iam_access_key`, a `aws_lambda_function_url`, ...)",
  },
});
