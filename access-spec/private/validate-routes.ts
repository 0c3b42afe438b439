// Validation of `routes`: path syntax, API Gateway resource conflicts, CORS preflight clashes, and
// each route's authorization (references, reasons, the EDGE prerequisites).
import { MIN_REASON_LENGTH, reasonProblem } from "../../kernel/io/words";
import { describeConflict, planInvokeGrants, principalKey } from "../invoke-grants";
import type { AccessSpec, AuthorizationSpec, RouteSpec } from "../types";
import { routeKey } from "../types";
import { checkRef, checkRefs } from "./checks";
import type { DeclaredNames } from "./names";
import { parsePath, resourceKey, variableSegments } from "./paths";
import { joinPath, q, type ProblemList } from "./problems";

const routeSubject = (r: RouteSpec): string => `route ${q(routeKey(r.method, r.path))}`;

export function validateRoutes(p: ProblemList, spec: AccessSpec, names: DeclaredNames): void {
  validateRouteShapes(p, spec);
  spec.routes.forEach((route, i) => validateAuth(p, joinPath(joinPath("routes", i), "auth"), route, spec, names));
  validateExactGrants(p, spec);
  validateDeciders(p, spec);
}

// An AWS tag value: the function carries the declaration as its access-decider tag.
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;

/** `decidesAccess`: a tag value that says something, the same for every route of one function. */
function validateDeciders(p: ProblemList, spec: AccessSpec): void {
  const first = new Map<string, { text: string; route: number }>();
  spec.routes.forEach((route, i) => {
    if (route.integration.type !== "LAMBDA" || route.integration.decidesAccess === undefined) return;
    const path = joinPath(joinPath(joinPath("routes", i), "integration"), "decidesAccess");
    const text = route.integration.decidesAccess;
    const fn = route.integration.function;
    if (reasonProblem(text) !== undefined || !TAG_VALUE.test(text)) {
      p.add(
        path,
        `${routeSubject(route)}: decidesAccess must say what function ${q(fn)} checks in ${MIN_REASON_LENGTH} to 256 characters of letters, digits, spaces and _ . : / = + - @ (it becomes a tag value)`,
        text,
      );
      return;
    }
    const earlier = first.get(fn);
    if (earlier === undefined) first.set(fn, { text, route: i });
    else if (earlier.text !== text)
      p.add(path, `${routeSubject(route)}: function ${q(fn)} decides access for every route it serves; routes[${earlier.route}] says ${q(earlier.text)}`, text);
  });
}

/** AWS_IAM routes of one principal whose exact grants cannot coexist (see access-spec/invoke-grants.ts): one problem each. */
function validateExactGrants(p: ProblemList, spec: AccessSpec): void {
  const reported = new Set<string>();
  for (const c of planInvokeGrants(spec).conflicts) {
    const key = `${c.refused} ${principalKey(c.principal)}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const route = spec.routes[c.refused];
    p.add(joinPath(joinPath("routes", c.refused), "auth"), describeConflict(spec, c), routeKey(route.method, route.path));
  }
}

/** Paths, duplicates, sibling variables and CORS preflight conflicts: all about API Gateway's resource tree. */
function validateRouteShapes(p: ProblemList, spec: AccessSpec): void {
  const byMethodAndResource = new Map<string, number>();
  const variableChild = new Map<string, { text: string; route: number }>();
  const resourceOf: (string | undefined)[] = [];

  spec.routes.forEach((route, i) => {
    const path = joinPath(joinPath("routes", i), "path");
    const subject = routeSubject(route);
    const parsed = parsePath(route.path);
    if (!parsed.ok) {
      p.add(path, `${subject}: path ${parsed.reason}`, route.path);
      resourceOf.push(undefined);
      return;
    }
    const resource = resourceKey(parsed.segments);
    resourceOf.push(resource);

    const dupKey = `${route.method} ${resource}`;
    const earlier = byMethodAndResource.get(dupKey);
    if (earlier !== undefined) {
      const other = spec.routes[earlier];
      const same = other?.path === route.path ? "" : " (parameter names differ but API Gateway sees one resource)";
      p.add(path, `${subject}: duplicate route, same method and resource as ${routeSubject(other ?? route)} at routes[${earlier}]${same}`, route.path);
      return; // a duplicate would also trip the sibling check; one problem per mistake
    }
    byMethodAndResource.set(dupKey, i);

    for (const v of variableSegments(parsed.segments)) {
      const seen = variableChild.get(v.parent);
      if (seen === undefined) {
        variableChild.set(v.parent, { text: v.text, route: i });
      } else if (seen.text !== v.text) {
        const other = spec.routes[seen.route];
        p.add(
          path,
          `${subject}: path parameter ${q(v.text)} conflicts with ${q(seen.text)} of ${routeSubject(other ?? route)} (API Gateway allows one variable path part per resource)`,
          route.path,
        );
        break; // deeper segments hang off the conflicting one; report the root cause only
      }
    }
  });

  // The CORS preflight is an OPTIONS method on the route's resource; an explicit OPTIONS route there collides with it.
  const corsResources = new Map<string, number>();
  spec.routes.forEach((route, i) => {
    const resource = resourceOf[i];
    if (route.cors === true && resource !== undefined && !corsResources.has(resource)) corsResources.set(resource, i);
  });
  spec.routes.forEach((route, i) => {
    const resource = resourceOf[i];
    if (route.method !== "OPTIONS" || resource === undefined) return;
    const corsRoute = corsResources.get(resource);
    if (corsRoute === undefined) return;
    const other = spec.routes[corsRoute];
    p.add(
      joinPath(joinPath("routes", i), "method"),
      `${routeSubject(route)}: conflicts with the CORS preflight OPTIONS of ${routeSubject(other ?? route)} (cors: true)`,
      route.method,
    );
  });

  if (spec.cors === undefined) {
    spec.routes.forEach((route, i) => {
      if (route.cors === true) p.add(joinPath(joinPath("routes", i), "cors"), `${routeSubject(route)}: cors is true but the spec has no cors settings`, true);
    });
  }
}

function validateAuth(p: ProblemList, path: string, route: RouteSpec, spec: AccessSpec, names: DeclaredNames): void {
  const subject = routeSubject(route);
  const auth: AuthorizationSpec = route.auth;
  const usagePlan = (plan: string | undefined): void => {
    if (plan !== undefined) checkRef(p, joinPath(path, "usagePlan"), plan, names.usagePlans, "usage plan", subject);
  };
  switch (auth.type) {
    case "NONE":
      if (reasonProblem(auth.reason) !== undefined)
        p.add(
          joinPath(path, "reason"),
          `${subject}: NONE needs a written reason of at least ${MIN_REASON_LENGTH} characters (anyone may call it)`,
          auth.reason,
        );
      return;
    case "API_KEY":
      // An API key identifies a caller for metering; it is not authentication, so it must be justified like NONE.
      if (reasonProblem(auth.reason) !== undefined)
        p.add(
          joinPath(path, "reason"),
          `${subject}: API_KEY needs a written reason of at least ${MIN_REASON_LENGTH} characters (a key is metering, not authentication)`,
          auth.reason,
        );
      usagePlan(auth.usagePlan);
      return;
    case "AWS_IAM":
      if ((auth.groups ?? []).length === 0 && (auth.roles ?? []).length === 0) {
        p.add(path, `${subject}: AWS_IAM names neither groups nor roles, so no one is granted execute-api:Invoke`, auth);
      }
      checkRefs(p, joinPath(path, "groups"), auth.groups, names.groups, "group", subject);
      checkRefs(p, joinPath(path, "roles"), auth.roles, names.invokerRoles, "invoker role", subject);
      usagePlan(auth.usagePlan);
      return;
    case "COGNITO":
      checkRefs(p, joinPath(path, "scopes"), auth.scopes, names.scopes, "scope", subject);
      usagePlan(auth.usagePlan);
      return;
    case "LAMBDA":
      checkRef(p, joinPath(path, "authorizer"), auth.authorizer, names.authorizers, "authorizer", subject);
      checkRefs(p, joinPath(path, "groups"), auth.groups, names.groups, "group", subject);
      checkRefs(p, joinPath(path, "scopes"), auth.scopes, names.scopes, "scope", subject);
      checkRefs(p, joinPath(path, "clients"), auth.clients, names.clients, "client", subject);
      // ID tokens carry no scopes: this route could never be called.
      if (auth.tokenUse === "id" && (auth.scopes ?? []).length > 0) {
        p.add(joinPath(path, "tokenUse"), `${subject}: tokenUse "id" with scopes can never pass (ID tokens carry no scopes)`, auth.tokenUse);
      }
      usagePlan(auth.usagePlan);
      return;
    case "EDGE":
      checkRefs(p, joinPath(path, "scopes"), auth.scopes, names.scopes, "scope", subject);
      checkRefs(p, joinPath(path, "clients"), auth.clients, names.clients, "client", subject);
      // The method is NONE at the gateway: without edge auth and origin protection it would be open.
      if (spec.edge === undefined) {
        p.add(joinPath(path, "type"), `${subject}: EDGE auth needs an edge config with scheme "OAuth2-Cognito-Edge"`, auth.type);
      } else if (spec.edge.scheme !== "OAuth2-Cognito-Edge") {
        p.add(joinPath(path, "type"), `${subject}: EDGE auth needs edge.scheme "OAuth2-Cognito-Edge" (got ${q(spec.edge.scheme)})`, spec.edge.scheme);
      }
      return;
  }
}
