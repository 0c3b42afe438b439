// An authorizer's cached decision outlives a revoked or expired token by at most the TTL: keep the TTL short.
import { known, show } from "../../access/lookups";
import { authorizerSubjects } from "../private/subjects";
import type { Rule, RuleFinding } from "../types";

/** The longest authorizer result TTL accepted, in seconds (API Gateway's default; its maximum is 3600). */
const MAX_AUTHORIZER_RESULT_TTL_SECONDS = 300;

export const AuthorizerCacheTtlBounded: Rule = {
  id: "authorizer-cache-ttl-bounded",
  title: `Authorizer results are cached for at most ${MAX_AUTHORIZER_RESULT_TTL_SECONDS} seconds`,
  severity: "medium",
  rationale:
    "API Gateway caches an authorizer's Allow (and its policy) for authorizer_result_ttl_in_seconds, keyed on the " +
    "identity source. For that long the token is not checked again: a token revoked, a user removed from a group, " +
    `or a token expired keeps working. Above ${MAX_AUTHORIZER_RESULT_TTL_SECONDS} s (API Gateway's default; the ` +
    "maximum is 3600) the window is longer than access tokens are usually trusted unchecked. A TTL known only after " +
    "apply is not verified.",
  equivalents: {},
  subjects: authorizerSubjects,
  check: (model) =>
    model.authorizers.flatMap((a): RuleFinding[] => {
      // A JWT authorizer (HTTP API) caches nothing: the attribute applies to REQUEST authorizers only.
      if (a.type === "JWT") return [];
      const ttl = a.resultTtlSeconds;
      if (ttl === undefined || (known(ttl) && ttl <= MAX_AUTHORIZER_RESULT_TTL_SECONDS)) return [];
      // Unset in the configuration, a plan shows the computed attribute as unknown: API Gateway's default (300 s) applies.
      const written = a.resource.written?.names;
      if (!known(ttl) && written !== undefined && !written.includes("authorizer_result_ttl_in_seconds")) return [];
      const where = { address: a.address, ...(a.api !== undefined && known(a.api.name) ? { api: a.api.name } : {}), file: a.resource.source.file };
      return [
        {
          ...where,
          message: known(ttl)
            ? `authorizer ${show(a.name)} caches its decision for ${ttl} s (above ${MAX_AUTHORIZER_RESULT_TTL_SECONDS} s): a revoked or expired token keeps working that long`
            : `authorizer ${show(a.name)}'s result TTL is known only after apply (${show(ttl)}): not verified that it is at most ${MAX_AUTHORIZER_RESULT_TTL_SECONDS} s`,
        },
      ];
    }),
};
