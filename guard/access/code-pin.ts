// Which code a route's decider runs: an authorizer_uri or a Lambda@Edge association names the function, and with
// a qualifier (`:7`, an alias) a version that may not be the one built from the reviewed package. Only the
// function's own published version (qualified_arn, version) or $LATEST runs the reviewed code; a package that
// is not on disk (s3_bucket/s3_key, image_uri) cannot be compared with the source (door class 5). Pure.
import { isUnknown, type Model, type ResourceInstance } from "../model";
import { asString } from "../load/json";
import { edgeParameters } from "./edge-parameter";
import { resourceAt } from "./reference-identity";

export type CodePin =
  | { readonly kind: "reviewed" }
  /** A version or alias the configuration names by literal: not the one built from the reviewed bundle. */
  | { readonly kind: "pinned"; readonly qualifier: string; readonly via: string }
  /** What runs is not visible in the input. */
  | { readonly kind: "unknown"; readonly why: string };

// A counted or for_each function is referenced with its instance key: `aws_lambda_function.edge[0].qualified_arn`.
const REF = /\b(aws_lambda_function|aws_lambda_alias)\.([\w-]+)(?:\[[^\]]*\])?\.(\w+)/g;

/** The literal parts of an expression: quoted strings and the text outside `${...}`. */
function literalParts(expression: string): string[] {
  const quoted = [...expression.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  const outside = expression.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, "\u0000").split("\u0000");
  return [...quoted, ...outside].filter((s) => s !== "");
}

/** A qualifier a literal ARN (function or invocation ARN) or a literal suffix adds: `7`, `live`, `$LATEST`. */
function literalQualifier(text: string): string | undefined {
  const arn = /:function:[\w-]+:([\w$-]+)(?:\/invocations)?$/.exec(text);
  if (arn !== null) return arn[1];
  const suffix = /^:([\w$-]+)(?:\/invocations)?$/.exec(text);
  return suffix?.[1];
}

/** An alias's version: its function's own `version` (the one published from the package) or a literal. */
function aliasPin(model: Model, holder: ResourceInstance, name: string): CodePin {
  const alias = resourceAt(model, holder.source.stack, `aws_lambda_alias.${name}`);
  if (alias === undefined) return { kind: "unknown", why: `alias aws_lambda_alias.${name} is not in the configuration` };
  const v = alias.values["function_version"];
  if (v === "$LATEST") return { kind: "reviewed" };
  if (typeof v === "string") return { kind: "pinned", qualifier: v, via: `alias ${alias.address} (function_version ${JSON.stringify(v)})` };
  if (isUnknown(v) && v.expression !== undefined && /aws_lambda_function\.[\w-]+\.version\b/.test(v.expression)) return { kind: "reviewed" };
  if (
    isUnknown(v) &&
    (alias.references["function_version"] ?? []).some((r) => /^aws_lambda_function\.[\w-]+\.version$/.test(r.replace(/^(module\.[\w-]+(\[[^\]]*\])?\.)*/, "")))
  )
    return { kind: "reviewed" };
  return { kind: "unknown", why: `alias ${alias.address}'s function_version is not the function's published version` };
}

/** What code a function reference (`authorizer_uri`, `lambda_arn`) runs. */
export function codePin(model: Model, holder: ResourceInstance, attr: string, value: unknown): CodePin {
  if (typeof value === "string") {
    const q = literalQualifier(value);
    if (q === undefined || q === "$LATEST") return { kind: "reviewed" };
    return { kind: "pinned", qualifier: q, via: `the literal ARN ${value}` };
  }
  if (!isUnknown(value)) return { kind: "unknown", why: `${attr} is not set` };
  const expression = value.expression;
  if (expression === undefined) {
    // Plan JSON: no expression, only the references (a literal suffix is not visible there).
    const refs = holder.references[attr] ?? [];
    const alias = refs.map((r) => /aws_lambda_alias\.([\w-]+)/.exec(r)?.[1]).find((x) => x !== undefined);
    if (alias !== undefined) return aliasPin(model, holder, alias);
    return refs.some((r) => r.includes("aws_lambda_function.")) ? { kind: "reviewed" } : { kind: "unknown", why: `${attr} is known only after apply` };
  }
  for (const part of literalParts(expression)) {
    const q = literalQualifier(part);
    if (q !== undefined && q !== "$LATEST") return { kind: "pinned", qualifier: q, via: `the expression ${expression}` };
  }
  for (const m of expression.matchAll(REF)) {
    if (m[1] === "aws_lambda_alias") return aliasPin(model, holder, m[2]);
  }
  return [...expression.matchAll(REF)].length > 0
    ? { kind: "reviewed" }
    : { kind: "unknown", why: `${attr} (${expression}) names no function of the configuration` };
}

/** Why a function's package cannot be compared with the source (it is not a local file), or undefined. */
export function packageGap(fn: ResourceInstance): string | undefined {
  const filename = asString(fn.values["filename"]);
  if (filename !== undefined && filename !== "") return undefined;
  const s3 = fn.values["s3_bucket"] !== undefined && fn.values["s3_bucket"] !== null;
  const image = fn.values["image_uri"] !== undefined && fn.values["image_uri"] !== null;
  if (s3) return "its code comes from s3_bucket/s3_key, which the check cannot read: not verified that it is the reviewed code";
  if (image) return "its code is a container image (image_uri), which the check cannot read: not verified that it is the reviewed code";
  return isUnknown(fn.values["filename"]) ? "its package (filename) is known only after apply: not verified" : undefined;
}

/** Functions that decide routes: Lambda authorizers' functions and the Lambda@Edge verifiers. */
export function deciderFunctions(model: Model): ResourceInstance[] {
  const out = new Map<string, ResourceInstance>();
  for (const a of model.authorizers) {
    const fn = a.lambdaFunctionAddress === undefined ? undefined : resourceAt(model, a.resource.source.stack, a.lambdaFunctionAddress);
    if (fn !== undefined) out.set(`${fn.source.stack}::${fn.address}`, fn);
  }
  for (const e of edgeParameters(model)) out.set(`${e.fn.source.stack}::${e.fn.address}`, e.fn);
  return [...out.values()];
}
