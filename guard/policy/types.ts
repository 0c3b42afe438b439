// The intended-authorization policy: written by hand by security reviewers, one file per API in policies/.
// Kept apart from the access spec on purpose: comparing the stacks with the spec they came from proves nothing.
import { AUTHORIZATION_TYPE_NAMES, type AuthorizationType } from "../../kernel/authorization-types";

export type Severity = "critical" | "high" | "medium" | "low" | "info";
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/**
 * Intended authorization types, in the policy's words (COGNITO = COGNITO_USER_POOLS, API_KEY = NONE + key).
 * EDGE: authenticated at the edge (Lambda@Edge on viewer-request, before the CloudFront cache) and NONE with no
 * key at the gateway; accepted only while every stage of the API admits CloudFront alone.
 * JWT: an HTTP API route checked by a JWT authorizer, of any issuer (COGNITO on an HTTP API is JWT too).
 */
export type IntendedType = AuthorizationType;
/** The policy's words, from the one authorization-type table (kernel/authorization-types.ts). */
export const INTENDED_TYPES: readonly IntendedType[] = AUTHORIZATION_TYPE_NAMES;

export interface IntendedRoute {
  readonly type: IntendedType;
  /**
   * Authorizer name (`${api}` stands for the REST API's name, e.g. `${api}-cognito`). Required for COGNITO and
   * CUSTOM; JWT: compared when given.
   */
  readonly authorizer?: string;
  /**
   * COGNITO and JWT: exact `authorization_scopes` (@default - none: the method accepts ID tokens).
   * CUSTOM and EDGE: the scopes the Lambda authorizer or the edge verifier requires, compared with the route
   * table or edge-config.json bundled in its package when that is on disk.
   */
  readonly scopes: readonly string[];
  /**
   * Groups allowed to call the method. AWS_IAM: checked against the group roles' `execute-api:Invoke` grants.
   * CUSTOM / COGNITO: enforced inside the Lambda authorizer or the backend, recorded here for reviewers and the diff.
   */
  readonly groups: readonly string[];
  /** AWS_IAM: name patterns of other roles allowed to invoke (e.g. `*-invoker-reporting`). */
  readonly roles: readonly string[];
  /**
   * EDGE: the app client names the edge verifier accepts (its baked edge-config.json, route's own list else the
   * config-wide one), compared when the verifier's package is on disk. @default - clients not compared
   */
  readonly clients?: readonly string[];
  /** JWT: the authorizer's `jwt_configuration.issuer`, exactly. @default - issuer not compared */
  readonly issuer?: string;
  /** JWT: the authorizer's `jwt_configuration.audience`, as a set. @default - audience not compared */
  readonly audience?: readonly string[];
  /** `api_key_required`; implied true by API_KEY. @default false */
  readonly apiKey: boolean;
  /** Why the method is open (NONE) or protected by an API key only (API_KEY). Required for both. */
  readonly reason?: string;
}

export interface SeverityOverride {
  readonly severity: Severity;
  /** Why; required when the override lowers the rule's default severity. */
  readonly reason?: string;
}

/** A rule a policy file reports below its default severity: shown in every report, check and review. */
export interface LoweredSeverity {
  readonly rule: string;
  readonly from: Severity;
  readonly to: Severity;
  readonly reason: string;
  readonly policyFile: string;
}

/**
 * A finding the policy's reviewers accept (guard/policy/waivers.ts): still reported, never counted for --fail-on.
 * Matched as a baseline entry is (guard/policy/acceptance.ts), on what it names.
 */
export interface Waiver {
  readonly rule: string;
  /** Glob on the finding's address; @default - any address */
  readonly address?: string;
  /** Route key the waiver applies to; @default - any route */
  readonly route?: string;
  /**
   * Which of the rule's findings on the address it is (the finding's `detail`, exactly: a door and whom it admits).
   * @default - not named: a "coarse" waiver, which accepts a finding with a detail only while it is the only finding
   * of its rule on that address and route and not above `severity` (without `severity`: not critical)
   */
  readonly detail?: string;
  /** The most severe finding it accepts: one above it counts, and the run says so. @default - no ceiling */
  readonly severity?: Severity;
  readonly reason: string;
}

/** A federated identity provider a policy accepts on the user pools whose tokens authorize its API's routes. */
export interface NamedIdentityProvider {
  /** `provider_name` of the aws_cognito_identity_provider (`Google`, `AzureAD`), as clients list it. */
  readonly name: string;
  /** Who holds accounts there and why they may call the API. Required. */
  readonly reason: string;
}

export interface PolicyOverride {
  /** REST API name patterns this override applies to (e.g. `petstore-prod`). */
  readonly apis: readonly string[];
  /** Replaces (or adds) these routes' entries for matching APIs. */
  readonly routes: Readonly<Record<string, IntendedRoute>>;
  /** Paths whose CORS preflight OPTIONS is expected; replaces the base list when given. */
  readonly corsPreflight?: readonly string[];
}

export interface ApiPolicy {
  /** File the policy came from. */
  readonly file: string;
  /** REST API name patterns (`*` and `?` wildcards): `petstore-*`. */
  readonly apis: readonly string[];
  readonly description?: string;
  /** Route key -> intended authorization. */
  readonly routes: Readonly<Record<string, IntendedRoute>>;
  /** Resource paths with an intended CORS preflight `OPTIONS` (MOCK integration, NONE, no key). */
  readonly corsPreflight: readonly string[];
  readonly overrides: readonly PolicyOverride[];
  /** IAM resource patterns allowed to grant `execute-api:Invoke` on a whole API (e.g. an ops role). @default none */
  readonly allowWholeApiInvoke: readonly string[];
  /**
   * Federated identity providers whose users may hold tokens for the API's routes (rule identity-provider-named).
   * @default - none: only the pool's own users (COGNITO)
   */
  readonly identityProviders?: readonly NamedIdentityProvider[];
  /** Doors each target may have (rule backend-doors-intended). @default - none listed: only routes and their APIs' entrances */
  readonly doors?: readonly IntendedDoors[];
  /**
   * Backend functions that decide access themselves (rule handler-decider-declared; the review's decider-code-changed).
   * @default - none: only authorizers and edge verifiers decide
   */
  readonly deciders?: readonly IntendedDecider[];
  /** App-client token validity limits; @default 60 minutes (ID/access), 30 days (refresh). */
  readonly tokenValidity: { readonly maxIdAccessMinutes: number; readonly maxRefreshDays: number };
  readonly waivers: readonly Waiver[];
  /**
   * Per-rule severity overrides. Raising is free; lowering below the rule's default needs a written reason and
   * is listed in every report (guard/policy/severities.ts).
   */
  readonly severities: Readonly<Record<string, SeverityOverride>>;
}

/**
 * The doors a protected target may have (guard/access/doors.ts): `target` is a name pattern of the target (a backend
 * function's name), `only` door id patterns, each exception one more door with a written reason.
 */
export interface IntendedDoors {
  readonly target: string;
  readonly only: readonly string[];
  readonly exceptions: readonly { readonly door: string; readonly reason: string }[];
}

/** A backend function that decides access itself: `function` is a name pattern, `reason` what it checks. */
export interface IntendedDecider {
  readonly function: string;
  readonly reason: string;
}

/** All policies given on the command line. */
export interface PolicySet {
  readonly policies: readonly ApiPolicy[];
}

/** One problem in a policy file: where, what, the bad value (same shape as spec problems). */
export interface PolicyProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
  readonly value: unknown;
}

export class PolicyError extends Error {
  constructor(readonly problems: readonly PolicyProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.path}: ${p.message} (got ${JSON.stringify(p.value)})`).join("\n"));
    this.name = "PolicyError";
  }
}
