// What the Lambda@Edge verifier requires for one gateway route, read from its baked edge-config.json as the
// verifier itself resolves it (lambdas/edge/decide.ts): the route's own scopes, else the longest path prefix's;
// the route's clients, else the config-wide ones. One definition for the policy rule and the review.
import type { EdgeConfigTable, Model, RestApi } from "../model";
import { edgeVerifiers } from "./origin";

export interface EdgeRequirement {
  /** `edge`: a token is verified at the edge; `gateway`: the verifier passes the request on untouched. */
  readonly mode: string;
  /** Any one of these is required (sorted); empty = any valid token. */
  readonly scopes: readonly string[];
  /** Client names accepted (sorted); null = every client the verifier is configured with. */
  readonly clients: readonly string[] | null;
}

function prefixScopes(table: Extract<EdgeConfigTable, { routes: unknown }>, path: string): readonly string[] {
  const segments = path === "/" ? [] : path.replace(/\/+$/, "").slice(1).split("/");
  let best: { length: number; scopes: readonly string[] } | undefined;
  for (const rule of table.prefixes ?? []) {
    if (!rule.prefix.startsWith("/")) continue;
    const prefix = rule.prefix === "/" ? [] : rule.prefix.replace(/\/+$/, "").slice(1).split("/");
    if (prefix.length > segments.length || !prefix.every((p, i) => p === segments[i])) continue;
    if (best === undefined || prefix.length > best.length) best = { length: prefix.length, scopes: rule.scopes };
  }
  return best?.scopes ?? [];
}

/** The requirement of one table for `method path` (exact method, then ANY), or why there is none. */
function edgeRequirementIn(table: EdgeConfigTable, method: string, path: string): { requirement: EdgeRequirement } | { problem: string } {
  if ("problem" in table) return { problem: `the edge verifier's configuration cannot be read (${table.problem})` };
  const entry = table.routes.find((e) => e.method === method && e.path === path) ?? table.routes.find((e) => e.method === "ANY" && e.path === path);
  if (entry === undefined) return { problem: `the edge verifier's configuration (${table.file}) has no entry for this route` };
  const scopes = entry.scopes.length > 0 ? entry.scopes : prefixScopes(table, path);
  const clients = entry.clients ?? table.clients ?? null;
  return { requirement: { mode: entry.mode, scopes: [...scopes].sort(), clients: clients === null ? null : [...clients].sort() } };
}

/**
 * The requirement every verifier in front of `api` applies to `method path`. `unknown` when a verifier's package
 * is not on disk or did not resolve, `problem` when a config is unreadable, lacks the route, or two verifiers
 * disagree: a requirement that cannot be stated is never assumed.
 */
export function edgeRequirementOf(
  model: Model,
  api: RestApi,
  method: string,
  path: string,
): { requirement: EdgeRequirement } | { problem: string } | { unknown: string } {
  const { functions, unresolved } = edgeVerifiers(model, api);
  const found: EdgeRequirement[] = [];
  const missing: string[] = unresolved > 0 ? [`${unresolved} viewer-request association(s) whose function did not resolve`] : [];
  const problems: string[] = [];
  for (const fn of functions) {
    const config = model.edgeConfigs?.find((c) => c.functionAddress === fn.address && c.source.file === fn.source.file && c.source.stack === fn.source.stack);
    if (config === undefined) {
      missing.push(`${fn.address} (its package is not on disk here)`);
      continue;
    }
    const r = edgeRequirementIn(config.table, method, path);
    if ("problem" in r) problems.push(r.problem);
    else found.push(r.requirement);
  }
  if (problems.length > 0) return { problem: problems.join("; ") };
  if (missing.length > 0 || found.length === 0) return { unknown: missing.length > 0 ? missing.join(", ") : "no edge verifier resolved" };
  const first = JSON.stringify(found[0]);
  if (found.some((f) => JSON.stringify(f) !== first)) return { problem: "the edge verifiers in front of this API require different things for this route" };
  return { requirement: found[0] };
}
