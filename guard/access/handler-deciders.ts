// Backend handlers that decide access themselves (the sample's admin-only handler checks `cognito:groups`): a
// function is such a decider when its Terraform declares it (the `access-decider` tag the access spec's
// `decidesAccess` writes) or the policy's `deciders` section names it. Which code it runs (its package, how each
// route invokes it) then decides routes as much as an authorizer's does. Pure: Model in.
import { DECIDER_TAG } from "../../kernel/decider-tag";
import { matchesName } from "../../kernel/match/glob";
import { isUnknown, type Model, type ResourceInstance } from "../model";
import { asObject } from "../load/json";
import { codePin } from "./code-pin";
import { doorsOf, type Door, type Target } from "./doors";
import { managed, textOf } from "./doors/refs";
import { functionTarget } from "./doors/targets";
import { resourceAt } from "./reference-identity";

export { DECIDER_TAG };

/** The function's declaration: what it checks, "unknown" when its tags are known only after apply, or undefined. */
export function deciderTag(fn: ResourceInstance): string | "unknown" | undefined {
  const tags = fn.values["tags"];
  if (isUnknown(tags)) return "unknown";
  const v = asObject(tags)[DECIDER_TAG];
  if (isUnknown(v)) return "unknown";
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

export interface HandlerDecider {
  readonly fn: ResourceInstance;
  readonly target: Target;
  /** What the Terraform declaration says it checks; undefined when only the policy names it. */
  readonly declared?: string;
  /** The policy's `deciders` pattern that names it, if any. */
  readonly policyPattern?: string;
  /** The route doors that reach it. */
  readonly routes: readonly Door[];
}

/** Every function of the model that decides access itself, by its declaration or by a policy pattern. */
export function handlerDeciders(model: Model, policyPatterns: readonly string[] = []): HandlerDecider[] {
  const targets = new Map(doorsOf(model).map((t) => [t.target.key, t]));
  const out: HandlerDecider[] = [];
  for (const fn of managed(model, "aws_lambda_function")) {
    const tag = deciderTag(fn);
    const name = fn.values["function_name"];
    const pattern = typeof name === "string" ? policyPatterns.find((p) => matchesName(p, name)) : undefined;
    if ((tag === undefined || tag === "unknown") && pattern === undefined) continue;
    const target = functionTarget(model, fn);
    out.push({
      fn,
      target,
      ...(tag !== undefined && tag !== "unknown" ? { declared: tag } : {}),
      ...(pattern !== undefined ? { policyPattern: pattern } : {}),
      routes: (targets.get(target.key)?.doors ?? []).filter((d) => d.kind === "route"),
    });
  }
  return out;
}

/** The configuration function whose target key is `key`, if the model has one. */
export function functionByTarget(model: Model, key: string): ResourceInstance | undefined {
  return managed(model, "aws_lambda_function").find((fn) => functionTarget(model, fn).key === key);
}

/** Where a function's package comes from besides a local file: `s3_bucket`/`s3_key`/`s3_object_version`, `image_uri`. */
export function packageLocation(fn: ResourceInstance): string {
  return ["s3_bucket", "s3_key", "s3_object_version", "image_uri"]
    .flatMap((a) => (fn.values[a] === undefined || fn.values[a] === null ? [] : [`${a} ${textOf(fn.values[a]) ?? "(known after apply)"}`]))
    .join(", ");
}

/**
 * Which code a route door invokes: `reviewed` (the function, $LATEST, or its own published version), a version or
 * alias the configuration pins, or why it cannot be read. Read from the route's integration URI.
 */
export function invokedCode(model: Model, target: Target, door: Door): string {
  const integration = door.addresses.map((a) => resourceAt(model, target.stack, a)).find((r) => r?.type.endsWith("_integration") === true);
  if (integration === undefined) return "not verified: the route's integration cannot be read";
  const attr = integration.type === "aws_apigatewayv2_integration" ? "integration_uri" : "uri";
  const pin = codePin(model, integration, attr, integration.values[attr]);
  return pin.kind === "reviewed"
    ? "reviewed"
    : pin.kind === "pinned"
      ? `version/alias ${JSON.stringify(pin.qualifier)} (${pin.via})`
      : `not verified: ${pin.why}`;
}
