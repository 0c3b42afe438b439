// A Cognito authorizer trusts a user pool of this configuration, identified by reference, not by an ARN.
import { trustedPools } from "../../access/cognito";
import { known, show, untrustedPoolWhy } from "../../access/lookups";
import type { Rule } from "../types";

export const CognitoAuthorizerPoolKnown: Rule = {
  id: "cognito-authorizer-pool-known",
  title: "Cognito authorizers trust a user pool of this configuration",
  severity: "high",
  rationale:
    "Whoever controls the trusted user pool decides who gets tokens the authorizer accepts. A pool named by a literal " +
    "ARN (another account's, or one outside this configuration) cannot be checked for its clients, sign-up, triggers " +
    "or users, and a swapped ARN looks like a harmless string change.",
  equivalents: {},
  check: (model) =>
    model.authorizers
      .filter((a) => a.type === "COGNITO_USER_POOLS")
      .flatMap((a) =>
        trustedPools(model, a)
          .filter((p) => p.literal !== undefined)
          .map((p) => ({
            address: a.address,
            ...(a.api !== undefined && known(a.api.name) ? { api: a.api.name } : {}),
            detail: `trusts ${p.label}`,
            message: `authorizer ${show(a.name)} trusts ${p.label}, ${untrustedPoolWhy(p.label)}`,
            file: a.resource.source.file,
          })),
      ),
};
