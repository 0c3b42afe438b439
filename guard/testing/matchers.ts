// Jest matchers for hand-written policy tests beside the YAML policy (in the style of aws-sdk-client-mock-jest):
//
//   import { route } from "../guard/testing/matchers";   // registers the matchers with jest's expect
//   expect(route(model, "petstore-dev GET /pets")).toHaveAuthorization({ type: "COGNITO", scopes: ["petstore/read"] });
//   expect(model).toHaveNoOpenRoutesExcept(["GET /health", "OPTIONS /pets"]);
//
// Both read the route's effective authorization from the model the check uses (guard/testing/effective.ts), and a
// failure shows it. What cannot be read (known only after apply, a route table not on disk) never meets an
// expectation. docs/policy-tests.md has the details.
import { reviewRow } from "../../kernel/authorization-types";
import type { Model } from "../model";
import type { IntendedType } from "../policy/types";
import { describeAuthorization, effectiveAuthorization, routeLabel, routesFor, type EffectiveAuthorization, type RouteUnderTest } from "./effective";

export { route, effectiveAuthorization, type RouteUnderTest, type EffectiveAuthorization } from "./effective";

/** What a test expects; fields left out are not compared. Lists compare as sets. */
export interface ExpectedAuthorization {
  readonly type: IntendedType;
  readonly scopes?: readonly string[];
  readonly groups?: readonly string[];
  readonly roles?: readonly string[];
  readonly authorizer?: string;
}

interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

const sameSet = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
  a !== undefined && a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** Differences between the expectation and the effective authorization, one phrase each; [] when it is met. */
export function authorizationMismatches(actual: EffectiveAuthorization, expected: ExpectedAuthorization): string[] {
  const out: string[] = [];
  if (actual.type !== expected.type) out.push(`type is ${actual.type}, expected ${expected.type}`);
  for (const k of ["scopes", "groups", "roles"] as const) {
    const want = expected[k];
    if (want !== undefined && !sameSet(actual[k], want))
      out.push(`${k} are ${actual[k] === undefined ? "not known" : JSON.stringify(actual[k])}, expected ${JSON.stringify(want)}`);
  }
  if (expected.authorizer !== undefined && actual.authorizer !== expected.authorizer)
    out.push(`authorizer is ${actual.authorizer === undefined ? "none" : JSON.stringify(actual.authorizer)}, expected ${JSON.stringify(expected.authorizer)}`);
  // A part that could not be read is not verified: the expectation is not met, whatever else matches.
  if (actual.notVerified !== undefined && out.length === 0) out.push(`not verified: ${actual.notVerified}`);
  return out;
}

const isRouteUnderTest = (x: unknown): x is RouteUnderTest =>
  typeof x === "object" && x !== null && "route" in x && "model" in x && typeof (x as { label?: unknown }).label === "string";

const isModel = (x: unknown): x is Model => typeof x === "object" && x !== null && Array.isArray((x as { routes?: unknown }).routes);

export function toHaveAuthorization(received: unknown, expected: ExpectedAuthorization): MatcherResult {
  if (!isRouteUnderTest(received)) return { pass: false, message: () => 'toHaveAuthorization: expect(...) takes route(model, "METHOD /path")' };
  const actual = effectiveAuthorization(received.model, received.route);
  const problems = authorizationMismatches(actual, expected);
  return {
    pass: problems.length === 0,
    message: () =>
      problems.length === 0
        ? `expected ${received.label} not to have ${describeAuthorization(expected)}, but its effective access is ${describeAuthorization(actual)}`
        : `expected ${received.label} to have ${describeAuthorization(expected)}\n` +
          `but its effective access is ${describeAuthorization(actual)}\n` +
          problems.map((p) => `  - ${p}`).join("\n"),
  };
}

/**
 * Open: an open type of the table (NONE: anyone may call it; API_KEY: a key alone admits, keys are not identities),
 * or it cannot be told.
 */
const isOpen = (a: EffectiveAuthorization): boolean => a.type === "UNKNOWN" || reviewRow(a.type).open;

/**
 * Every open route of the model is in `allowed` (`GET /health` on any API, or `petstore-dev GET /health`); path
 * parameters may carry other names. Fails listing each other open route with its effective access.
 */
export function toHaveNoOpenRoutesExcept(received: unknown, allowed: readonly string[]): MatcherResult {
  if (!isModel(received)) return { pass: false, message: () => "toHaveNoOpenRoutesExcept: expect(...) takes a model (guard/load loadModel)" };
  const open = received.routes
    .map((r) => ({ r, a: effectiveAuthorization(received, r) }))
    .filter(({ a }) => isOpen(a))
    .filter(({ r }) => !allowed.some((k) => routesFor(received, k).includes(r)));
  const list = open.map(({ r, a }) => `  - ${routeLabel(r)}: ${describeAuthorization(a)}`).join("\n");
  return {
    pass: open.length === 0,
    message: () =>
      open.length === 0
        ? `expected an open route besides ${JSON.stringify(allowed)}, but there is none`
        : `expected no open route except ${JSON.stringify(allowed)}, but ${open.length} more ${open.length === 1 ? "is" : "are"} open:\n${list}`,
  };
}

export const policyMatchers = { toHaveAuthorization, toHaveNoOpenRoutesExcept };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The route's effective authorization is `expected` (type, and the scopes, groups, roles, authorizer given). */
      toHaveAuthorization(expected: ExpectedAuthorization): R;
      /** No route of the model is open (NONE, API key only, or unknown) except those listed. */
      toHaveNoOpenRoutesExcept(allowed: readonly string[]): R;
    }
  }
}

// Registered on import, as aws-sdk-client-mock-jest does; outside jest (no global expect) this does nothing.
const jestExpect = (globalThis as { expect?: { extend?: (m: Record<string, unknown>) => void } }).expect;
if (typeof jestExpect?.extend === "function") jestExpect.extend(policyMatchers);
