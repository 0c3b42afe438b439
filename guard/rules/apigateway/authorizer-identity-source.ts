// Every authorizer names where the credential comes from, and a cached Lambda authorizer result is keyed on it.
import { identitySourceGap } from "../../access/authorizer-code";
import { known, show } from "../../access/lookups";
import type { Rule, RuleFinding } from "../types";
import { authorizerSubjects } from "../private/subjects";

export const AuthorizerIdentitySource: Rule = {
  id: "authorizer-identity-source",
  title: "Every authorizer has an identity source, and a cached result is keyed on the credential",
  severity: "medium",
  rationale:
    "The identity source is where API Gateway reads the credential and what it caches on. Without one a REQUEST " +
    "authorizer is invoked without a credential to check and cannot be cached safely. A REQUEST authorizer with a " +
    "result TTL above 0 whose identity sources leave out the Authorization header serves one caller's cached Allow " +
    "to everyone else (critical).",
  equivalents: {},
  subjects: authorizerSubjects,
  check: (model) =>
    model.authorizers.flatMap((a) => {
      const where = {
        address: a.address,
        ...(a.api !== undefined && known(a.api.name) ? { api: a.api.name } : {}),
        file: a.resource.source.file,
      };
      const out: RuleFinding[] = [];
      if (!known(a.identitySource) || a.identitySource.trim() === "") {
        out.push({
          ...where,
          detail: "identity-source none",
          message: `authorizer ${show(a.name)} has no identity_source${known(a.identitySource) ? "" : ` (${show(a.identitySource)})`}`,
        });
      }
      const gap = identitySourceGap(a);
      if (gap !== undefined) out.push({ ...where, severity: "critical", detail: "cache shared", message: `authorizer ${show(a.name)}: ${gap}` });
      return out;
    }),
};
