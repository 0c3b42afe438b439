// One effective-access graph, from each protected target outward: for every target an integration reaches (a
// Lambda function, an HTTP backend, an AWS service), and every function of the configuration that a function URL
// or a Lambda permission opens to anyone or any AWS account without an API, every door that reaches it and who can
// get through each. Doors: routes of every API form, the APIs' entrances (distributions, custom domains, the
// execute-api endpoint), function URLs, Lambda resource permissions and IAM identities granted direct invocation.
// Pure: Model in.
import { isUnknown, type LambdaPermission, type Model, type ResourceInstance, type Route } from "../model";
import { authorizationType } from "../../kernel/authorization-types";
import { matchesAction } from "../../kernel/match/glob";
import { known } from "./lookups";
import { entrancesOf } from "./doors/entrances";
import { vpcEndpointsOf } from "./doors/vpc-endpoints";
import { functionUrlPrincipals } from "./doors/function-urls";
import { invokeIdentities } from "./doors/iam-invoke";
import { isApiPlumbing, permissionPrincipals } from "./doors/permissions";
import { managed, resourceAt, textOf } from "./doors/refs";
import { gatewayType, routeName, routePrincipals } from "./doors/routes";
import { functionTarget, functionsNamedBy, integrationLink, integrationTarget } from "./doors/targets";
import { ANYONE, notVerifiedWhy, principalKey, type Door, type Principal, type Target, type TargetDoors } from "./doors/types";
import { perModel } from "./per-model";
import { appendTo } from "./group";

export * from "./doors/types";

const unique = (ps: readonly Principal[]): Principal[] => [...new Map(ps.map((p) => [principalKey(p), p])).values()];

interface Building {
  readonly target: Target;
  readonly doors: Map<string, Door>;
  /** The functions resource, for Lambda targets of the configuration. */
  fn?: ResourceInstance;
}

function addDoor(b: Building, d: Door): void {
  const old = b.doors.get(d.id);
  if (old === undefined) b.doors.set(d.id, d);
  else
    b.doors.set(d.id, {
      ...old,
      principals: unique([...old.principals, ...d.principals]),
      addresses: [...new Set([...old.addresses, ...d.addresses])],
      ...((old.notVerified ?? d.notVerified) ? { notVerified: old.notVerified ?? d.notVerified } : {}),
    });
}

function routeDoors(model: Model, byKey: Map<string, Building>): Map<string, { route: Route; door: Door }[]> {
  // target key -> its route doors (kept with their routes for the entrances)
  const out = new Map<string, { route: Route; door: Door }[]>();
  for (const route of model.routes) {
    const link = integrationLink(model, route);
    const integration = link !== undefined && "integration" in link ? link.integration : undefined;
    const unlinked = link !== undefined && "unlinked" in link ? link.unlinked : undefined;
    const target: Target | undefined =
      integration !== undefined
        ? integrationTarget(model, integration)
        : unlinked !== undefined
          ? {
              key: `unknown:${route.resource.source.stack}:${route.address}#integration`,
              kind: "unknown",
              label: `the integration of ${routeName(route)}`,
              stack: route.resource.source.stack,
              notVerified: unlinked,
            }
          : route.form === "openapi-operation"
            ? {
                key: `unknown:${route.resource.source.stack}:${route.apiAddress ?? route.address}#body`,
                kind: "unknown",
                label: `the integrations of ${routeName(route).split(" ")[0] ?? ""}'s OpenAPI body (not read)`,
                stack: route.resource.source.stack,
              }
            : undefined;
    if (target === undefined) continue;
    const b = byKey.get(target.key) ?? { target, doors: new Map<string, Door>() };
    byKey.set(target.key, b);
    if (b.fn === undefined && target.address !== undefined) b.fn = resourceAt(model, target.stack, target.address);
    const type = gatewayType(model, route);
    // A target that cannot be read is an "unknown" target (its label says why); its routes are still compared by type.
    const door: Door = {
      id: `api:${routeName(route)}`,
      kind: "route",
      label: `route ${routeName(route)} (${type})`,
      principals: routePrincipals(model, route, type),
      type,
      // The types whose scopes the gateway itself checks (COGNITO, JWT): compared with the target's other routes of the type.
      ...(type !== "UNKNOWN" && authorizationType(type).gatewayScopes ? { scopes: known(route.scopes) ? route.scopes : ("unknown" as const) } : {}),
      api: routeName(route).split(" ")[0] ?? "",
      ...(type === "UNKNOWN"
        ? { notVerified: route.unverified ?? "the route's authorization cannot be read" }
        : unlinked !== undefined
          ? { notVerified: `which integration it reaches: ${unlinked}` }
          : {}),
      addresses: [route.address, ...(integration !== undefined ? [integration.address] : [])],
    };
    addDoor(b, door);
    const list = out.get(target.key);
    if (list === undefined) out.set(target.key, [{ route, door }]);
    else list.push({ route, door });
  }
  return out;
}

function entranceDoors(model: Model, b: Building, routes: readonly { route: Route; door: Door }[]): void {
  const apis = [...new Map(routes.filter((r) => r.route.api !== undefined).map((r) => [r.route.api?.address, r.route.api])).values()];
  for (const api of apis) {
    if (api === undefined) continue;
    const mine = routes.filter((r) => r.route.api === api).map((r) => r.door);
    for (const e of entrancesOf(model, api)) {
      // Without the verifier, a route that relies on it (EDGE) is open to anyone through this distribution.
      const principals = unique(mine.flatMap((d) => (e.kind === "distribution" && e.verifier !== true && d.type === "EDGE" ? [ANYONE] : d.principals)));
      addDoor(b, {
        id: e.id,
        kind: e.kind,
        label: e.label,
        principals,
        api: mine[0]?.api ?? "",
        ...(e.notVerified !== undefined ? { notVerified: e.notVerified } : {}),
        addresses: e.addresses,
      });
    }
    // Who inside the VPC may use the endpoint; the API's resource policy decides on the route doors who of them passes.
    for (const e of vpcEndpointsOf(model, api)) addDoor(b, { ...e, api: mine[0]?.api ?? "" });
  }
}

// Built once per model: every function's doors asked every permission of the model.
const permissionIndex = perModel((model): { readonly byFunction: Map<string, number[]>; readonly byName: Map<string, number[]> } => {
  const byFunction = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, i: number) => appendTo(m, k, i);
  model.lambdaPermissions.forEach((p, i) => {
    const stack = p.resource.source.stack;
    if (p.functionAddress !== undefined) add(byFunction, `${stack}\u0000${p.functionAddress}`, i);
    else if (typeof p.resource.values["function_name"] === "string") add(byName, `${stack}\u0000${p.resource.values["function_name"]}`, i);
  });
  return { byFunction, byName };
});

/**
 * The Lambda permissions of the function's stack that name it: by the function the loader resolved, or (none
 * resolved) by its literal function_name; in the model's order.
 */
function permissionsOf(model: Model, fn: ResourceInstance): LambdaPermission[] {
  const ix = permissionIndex(model);
  const name = fn.values["function_name"];
  const positions = [
    ...(ix.byFunction.get(`${fn.source.stack}\u0000${fn.address}`) ?? []),
    ...(typeof name === "string" ? (ix.byName.get(`${fn.source.stack}\u0000${name}`) ?? []) : []),
  ];
  return [...new Set(positions)].sort((x, y) => x - y).map((i) => model.lambdaPermissions[i] as LambdaPermission);
}

/** The doors on the function itself that are not an identity's: its function URLs and Lambda permissions. */
function directDoors(model: Model, b: Building, fn: ResourceInstance): void {
  const name = fn.values["function_name"];
  for (const url of managed(model, "aws_lambda_function_url")) {
    if (url.source.stack !== fn.source.stack) continue;
    const named = functionsNamedBy(model, url, "function_name");
    const literal = named.length === 0 && typeof name === "string" && url.values["function_name"] === name;
    if (!named.includes(fn) && !literal) continue;
    const auth = textOf(url.values["authorization_type"]) ?? "unset";
    addDoor(b, {
      id: `function-url:${b.target.label}${typeof url.values["qualifier"] === "string" ? `:${url.values["qualifier"] as string}` : ""}`,
      kind: "function-url",
      label: `function URL (${isUnknown(url.values["authorization_type"]) ? "known after apply" : auth})`,
      principals: functionUrlPrincipals(model, url, fn),
      ...(auth !== "NONE" && auth !== "AWS_IAM" ? { notVerified: `authorization_type ${auth}` } : {}),
      addresses: [url.address, fn.address],
    });
  }
  for (const p of permissionsOf(model, fn)) {
    if (isApiPlumbing(model, p)) continue;
    if (!isUnknown(p.action) && !["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"].some((a) => matchesAction(p.action as string, a))) continue;
    const principals = permissionPrincipals(p);
    addDoor(b, {
      id: `lambda-permission:${p.address}`,
      kind: "lambda-permission",
      label: `Lambda permission ${p.address} (${textOf(p.action) ?? "?"} for ${textOf(p.principal) ?? "?"})`,
      principals,
      ...(principals.some((x) => x.kind === "not-verified")
        ? { notVerified: principals.flatMap((x) => (x.kind === "not-verified" ? [notVerifiedWhy(x)] : [])).join("; ") }
        : {}),
      addresses: [p.address, fn.address],
    });
  }
}

/** Direct invocation by the IAM identities whose policies grant it. */
function identityDoors(model: Model, b: Building, fn: ResourceInstance): void {
  const invokers = invokeIdentities(model, fn);
  if (invokers.length > 0)
    addDoor(b, {
      id: `iam-invoke:${b.target.label}`,
      kind: "iam-invoke",
      label: "direct invocation (lambda:InvokeFunction by identity policy)",
      principals: invokers,
      addresses: [fn.address],
    });
}

function lambdaDoors(model: Model, b: Building, fn: ResourceInstance): void {
  directDoors(model, b, fn);
  identityDoors(model, b, fn);
}

/** Principals a door lets in by itself, with no API in front: everyone, every AWS account, or who cannot be read. */
const OPEN = new Set<Principal["kind"]>(["anyone", "aws-any", "not-verified"]);

/**
 * Functions no route reaches that a function URL or a Lambda permission opens to anyone or any AWS account (or
 * whose door cannot be read): an endpoint of their own, as exposed as an open route. Such a target carries those
 * open doors only; its narrower doors (an AWS_IAM URL, a service scoped to its source, IAM identities) are what
 * any function has without an API and stay out, as do functions with no open door.
 */
function openFunctionTargets(model: Model, byKey: Map<string, Building>): void {
  for (const fn of managed(model, "aws_lambda_function")) {
    const target = functionTarget(model, fn);
    if (byKey.has(target.key)) continue;
    const all: Building = { target, doors: new Map<string, Door>(), fn };
    directDoors(model, all, fn);
    const open = [...all.doors.values()].filter((d) => d.principals.some((p) => OPEN.has(p.kind)));
    if (open.length > 0) byKey.set(target.key, { target, doors: new Map(open.map((d) => [d.id, d])), fn });
  }
}

// Built once per model: the review, the check and the summary ask for the same graph.
/** Every protected target (and every function opened without an API) with its doors, in a stable order (targets by label, doors by id). */
export const doorsOf = perModel((model): TargetDoors[] => {
  const byKey = new Map<string, Building>();
  const routes = routeDoors(model, byKey);
  for (const b of byKey.values()) {
    entranceDoors(model, b, routes.get(b.target.key) ?? []);
    if (b.fn !== undefined) lambdaDoors(model, b, b.fn);
  }
  openFunctionTargets(model, byKey);
  const out = [...byKey.values()]
    .map((b) => ({ target: b.target, doors: [...b.doors.values()].sort((x, y) => x.id.localeCompare(y.id)) }))
    .sort((x, y) => x.target.key.localeCompare(y.target.key));
  return out;
});

/** One line per principal class for reports: `anyone on the internet; API key holders (...)`. */
export const whoText = (ps: readonly Principal[]): string => (ps.length === 0 ? "nobody" : ps.map((p) => p.text).join("; "));
