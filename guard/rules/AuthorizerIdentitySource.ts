// Every authorizer names where the credential comes from.
import { known, show } from "./private/context";
import type { Rule } from "./types";

export const AuthorizerIdentitySource: Rule = {
  id: "authorizer-identity-source",
  title: "Every authorizer has an identity source",
  severity: "medium",
  rationale:
    "The identity source is where API Gateway reads the credential and what it caches on. Without one a REQUEST " +
    "authorizer is invoked without a credential to check and cannot be cached safely.",
  equivalents: {},
  check: (model) =>
    model.authorizers
      .filter((a) => !known(a.identitySource) || a.identitySource.trim() === "")
      .map((a) => ({
        address: a.address,
        ...(a.api !== undefined && known(a.api.name) ? { api: a.api.name } : {}),
        message: `authorizer ${show(a.name)} has no identity_source${known(a.identitySource) ? "" : ` (${show(a.identitySource)})`}`,
        file: a.resource.source.file,
      })),
};
