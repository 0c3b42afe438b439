// Lambda authorizers and the edge verifier as code that decides routes: their code identity (the digest of the
// package's files when it is on disk, else source_code_hash; the handler; layers), their environment (pool and
// client ids), the edge verifier's SSM configuration, and whether API Gateway's result cache is keyed on the
// credential. Pure facts functions, the review's comparer, and the gap the check's rule reports.
import { credentialCacheGap, DEFAULT_RESULT_TTL_SECONDS, splitIdentitySource } from "../../lambdas/shared/credential-source";
import { isUnknown, type Authorizer, type Model, type ResourceInstance } from "../model";
import { asObject, firstBlock } from "../load/json";
import { change } from "../review/change";
import type { ModelFacts } from "../review/facts";
import type { Change, RouteAuth } from "../review/types";
import { decidersOf, parametersReadBy, routeSubject } from "./deciders";
import type { AccessContext } from "./index";
import { sameTarget, sameValue, targetOf, valueOf, type TargetRef, type ValueRef } from "./targets";

// ---- identity sources and the result cache ----

/**
 * Why a Lambda authorizer's cached Allow could be served to callers without the credential, or undefined
 * (one definition with the spec: lambdas/shared/credential-source.ts). Values known only after apply are not
 * verified: reported as a gap too.
 */
export function identitySourceGap(a: Authorizer): string | undefined {
  if (a.authorizerUri === undefined && a.lambdaFunctionAddress === undefined) return undefined;
  const ttl = a.resultTtlSeconds ?? DEFAULT_RESULT_TTL_SECONDS;
  if (typeof ttl === "number" && ttl <= 0) return undefined;
  if (isUnknown(a.type))
    return `its type is known only after apply, with caching (TTL ${isUnknown(ttl) ? "known after apply" : ttl}): not verified that its cache is keyed on the credential`;
  if (a.type !== "REQUEST") return undefined;
  if (isUnknown(a.identitySource))
    return "its identity sources are known only after apply, with caching: not verified that the cache is keyed on the credential";
  // An unknown TTL may be above 0: judged as the default.
  return credentialCacheGap(a.type, splitIdentitySource(a.identitySource), typeof ttl === "number" ? ttl : DEFAULT_RESULT_TTL_SECONDS);
}

// ---- code identity ----

export interface CodeIdentity {
  readonly fn: TargetRef;
  readonly address: string;
  readonly handler: string;
  readonly layers: ValueRef;
  /** sha256 of the package's files, when the package is on disk (cdktf.out). */
  readonly digest?: string;
  /** Why the package on disk could not be read. */
  readonly bundleProblem?: string;
  /** `source_code_hash` (or its expression): the package's bytes, compared when no digest is available. */
  readonly sourceHash: string;
  /** Environment variables, references as identities. */
  readonly environment: ReadonlyMap<string, ValueRef>;
  /** SSM parameters the function's role may read (the edge verifier's configuration), by parameter name. */
  readonly configuration: ReadonlyMap<string, ValueRef>;
  /** Addresses of those parameters: a change of their values is this comparer's to judge. */
  readonly parameterAddresses: readonly string[];
}

const text = (v: unknown): string =>
  isUnknown(v) ? `(known after apply${v.expression !== undefined ? `: ${v.expression}` : ""})` : typeof v === "string" ? v : JSON.stringify(v ?? null);

export function codeIdentity(model: Model, fn: ResourceInstance): CodeIdentity {
  const stack = fn.source.stack;
  const bundle = model.bundles?.find((b) => b.functionAddress === fn.address && b.source.stack === stack && b.source.file === fn.source.file)?.bundle;
  const env = asObject(asObject(firstBlock(fn.values["environment"]))["variables"]);
  const read = parametersReadBy(model, fn);
  const params = read.map((p) => [text(p.values["name"]), valueOf(model, stack, p.values["value"])] as const);
  return {
    fn: targetOf(model, fn),
    address: fn.address,
    handler: text(fn.values["handler"]),
    layers: valueOf(model, stack, fn.values["layers"] ?? []),
    ...(bundle !== undefined && "digest" in bundle ? { digest: bundle.digest } : {}),
    ...(bundle !== undefined && "problem" in bundle ? { bundleProblem: bundle.problem } : {}),
    sourceHash: text(fn.values["source_code_hash"]),
    environment: new Map(Object.entries(env).map(([k, v]) => [k, valueOf(model, stack, v)])),
    configuration: new Map(params),
    parameterAddresses: read.map((p) => p.address),
  };
}

/** How the code differs, or undefined when it is the same (the same files re-zipped are the same code). */
export function codeDifference(b: CodeIdentity, a: CodeIdentity): string | undefined {
  const why: string[] = [];
  if (b.handler !== a.handler) why.push(`handler ${b.handler} → ${a.handler}`);
  if (!sameValue(b.layers, a.layers)) why.push(`layers ${b.layers.display} → ${a.layers.display}`);
  if (a.bundleProblem !== undefined) why.push(`the head's package cannot be read (${a.bundleProblem}): not verified`);
  else if (b.digest !== undefined && a.digest !== undefined) {
    if (b.digest !== a.digest) why.push(`package files differ (digest ${b.digest.slice(0, 12)} → ${a.digest.slice(0, 12)})`);
  } else if (b.sourceHash !== a.sourceHash) {
    // Without both packages on disk, the declared hash of the package is what Terraform deploys by.
    why.push(`source_code_hash ${b.sourceHash} → ${a.sourceHash} (packages not on disk here: their files cannot be compared)`);
  }
  return why.length === 0 ? undefined : why.join("; ");
}

/** Map entries added, removed or pointed elsewhere. */
function mapDifference(b: ReadonlyMap<string, ValueRef>, a: ReadonlyMap<string, ValueRef>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) {
    const old = b.get(k);
    if (old === undefined) out.push(`${k} added (${v.display})`);
    else if (!sameValue(old, v)) out.push(`${k}: ${old.display} → ${v.display}`);
  }
  for (const k of b.keys()) if (!a.has(k)) out.push(`${k} removed`);
  return out;
}

// ---- the review's comparer ----

interface Decided {
  readonly before: CodeIdentity;
  readonly after: CodeIdentity;
  readonly routes: RouteAuth[];
}

/** Head functions deciding routes that existed in the base, paired with the base function deciding them. */
function decidedRoutes(base: Model, head: Model, baseFacts: ModelFacts, headFacts: ModelFacts): Decided[] {
  const byKey = new Map(baseFacts.routes.map((r) => [routeSubject(r), r]));
  const out = new Map<string, { before: CodeIdentity; after: CodeIdentity; routes: RouteAuth[] }>();
  for (const r of headFacts.routes) {
    const old = byKey.get(routeSubject(r));
    if (old === undefined) continue;
    const after = decidersOf(head, headFacts, r);
    const before = decidersOf(base, baseFacts, old);
    for (const fn of after) {
      const a = codeIdentity(head, fn);
      const match = before.find((x) => sameTarget(targetOf(base, x), a.fn)) ?? (before.length === 1 && after.length === 1 ? before[0] : undefined);
      // A route now decided by another function is an authorizer swap (the route comparison reports it).
      if (match === undefined) continue;
      const key = `${fn.source.stack}::${fn.address}::${match.address}`;
      const entry = out.get(key) ?? { before: codeIdentity(base, match), after: a, routes: [] };
      entry.routes.push(r);
      out.set(key, entry);
    }
  }
  return [...out.values()];
}

const names = (routes: readonly RouteAuth[]): string => routes.map(routeSubject).join(", ");
const addressesOf = (d: Decided): string[] => [
  d.after.address,
  d.before.address,
  ...d.after.parameterAddresses,
  ...d.before.parameterAddresses,
  ...d.routes.map((r) => r.address),
];

export function compareAuthorizerCode(ctx: AccessContext): Change[] {
  const { base, head, baseFacts, headFacts } = ctx;
  const out: Change[] = [];
  for (const d of decidedRoutes(base, head, baseFacts, headFacts)) {
    const what = `function ${d.after.fn.label}`;
    const code = codeDifference(d.before, d.after);
    if (code !== undefined)
      out.push(change("blocking", "authorizer-code-changed", what, `the code deciding ${names(d.routes)} changed: ${code}`, addressesOf(d)));
    const env = mapDifference(d.before.environment, d.after.environment);
    if (env.length > 0)
      out.push(
        change(
          "blocking",
          "authorizer-environment-changed",
          what,
          `the environment of the function deciding ${names(d.routes)} changed: ${env.join("; ")}`,
          addressesOf(d),
        ),
      );
    const config = mapDifference(d.before.configuration, d.after.configuration);
    if (config.length > 0)
      out.push(
        change(
          "blocking",
          "edge-verifier-config-changed",
          what,
          `the SSM configuration read by the function deciding ${names(d.routes)} changed: ${config.join("; ")}`,
          addressesOf(d),
        ),
      );
  }
  // A cache keyed without the credential serves one caller's Allow to others.
  for (const a of head.authorizers) {
    const gap = identitySourceGap(a);
    if (gap === undefined) continue;
    const old = base.authorizers.find(
      (x) => x.resource.source.stack === a.resource.source.stack && (x.address === a.address || (x.name === a.name && x.apiAddress === a.apiAddress)),
    );
    if (old !== undefined && identitySourceGap(old) !== undefined) continue;
    const routes = headFacts.routes.filter(
      (r) => r.type === "CUSTOM" && r.authorizer?.name === text(a.name) && (a.api === undefined || r.api.startsWith(text(a.api.name))),
    );
    out.push(
      change(
        "blocking",
        "authorizer-cache-key-without-credential",
        `authorizer ${text(a.name)}${routes.length > 0 ? ` (${names(routes)})` : ""}`,
        `authorizer ${text(a.name)}: ${gap}`,
        [a.address, ...routes.map((r) => r.address)],
      ),
    );
  }
  return out;
}
