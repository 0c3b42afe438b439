// The authorizer a REST method or an HTTP API route names, one rule for both forms: `authorizer_id` is followed
// when it is set or when the authorization needs an authorizer; an authorization that needs one and names none is
// an unresolved reference on the route (never a guess, never a silent pass).
import type { Authorizer, ResourceInstance, UnresolvedRef } from "../model";

export interface RouteAuthorizerInput {
  /** The method or route resource. */
  readonly from: ResourceInstance;
  /** Its authorization needs an authorizer (CUSTOM, COGNITO_USER_POOLS; JWT, CUSTOM for HTTP APIs). */
  readonly needsAuthorizer: boolean;
  /** How the authorization is named in the reason: `authorization CUSTOM`, `authorization_type JWT`. */
  readonly authorizationText: string;
  /** Follows `authorizer_id` to a resource of `types` (the view's own resolver), recording what it cannot follow. */
  readonly follow: (from: ResourceInstance, attr: string, types: readonly string[], sink?: UnresolvedRef[]) => ResourceInstance | undefined;
  readonly types: readonly string[];
  readonly authorizerByAddress: ReadonlyMap<string, Authorizer>;
}

/**
 * The route's authorizer, with every problem appended to `problems`; `missing` is the reference added because an
 * authorizer is needed and none is named (callers also list it among the stack's unresolved references).
 */
export function routeAuthorizer(input: RouteAuthorizerInput, problems: UnresolvedRef[]): { authorizer?: Authorizer; missing?: UnresolvedRef } {
  const { from, needsAuthorizer } = input;
  const id = from.values["authorizer_id"];
  if (!needsAuthorizer && (id === null || id === undefined || id === "")) return {};
  const target = input.follow(from, "authorizer_id", input.types, problems);
  const authorizer = target === undefined ? undefined : input.authorizerByAddress.get(target.address);
  if (target !== undefined || !needsAuthorizer || problems.some((p) => p.attribute === "authorizer_id")) return authorizer === undefined ? {} : { authorizer };
  const missing: UnresolvedRef = {
    address: from.address,
    attribute: "authorizer_id",
    target: "",
    reason: `${input.authorizationText} without an authorizer_id`,
    source: from.source,
  };
  problems.push(missing);
  return { missing };
}
