// The kinds of the deciders' code comparer (authorizer-code.ts): Lambda authorizers and the edge verifier.
import { defineKinds } from "../kind-catalogue";

export const AUTHORIZER_CODE_KINDS = defineKinds({
  "authorizer-code-changed": {
    severity: "blocking",
    title: "decider code changed",
    explanation: "the handler, layers, package files or `source_code_hash` of a function deciding routes changed",
  },
  "authorizer-environment-changed": {
    severity: "blocking",
    title: "decider environment changed",
    explanation: "its environment variables (pool id, client ids) were added, removed or point elsewhere",
  },
  "edge-verifier-config-changed": {
    severity: "blocking",
    title: "edge verifier configuration changed",
    explanation: "the value of an SSM parameter the edge verifier reads (pool and client ids) changed",
  },
  "authorizer-cache-key-without-credential": {
    severity: "blocking",
    title: "cache key without the credential",
    explanation:
      "a `REQUEST` authorizer with a result TTL above 0 whose identity sources leave out the `Authorization` header (a cached Allow is served to callers without a token)",
  },
});
