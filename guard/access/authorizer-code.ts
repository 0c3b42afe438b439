// Lambda authorizers and the edge verifier as code that decides routes: their code identity (the digest of the
// package's files when it is on disk, else source_code_hash; the handler; layers), their environment (pool and
// client ids), the edge verifier's SSM configuration, and whether API Gateway's result cache is keyed on the
// credential. Pure facts functions and the gap the check's rule reports; the review's comparer is in
// guard/review/compare/authorizer-code.ts.
import { credentialCacheGap, DEFAULT_RESULT_TTL_SECONDS, splitIdentitySource } from "../../kernel/credential-source";
import { isUnknown, type Authorizer, type Model, type ResourceInstance } from "../model";
import { asObject, firstBlock } from "../load/json";
import { parametersReadBy } from "./deciders";
import { sameValue, targetOf, valueOf, type TargetRef, type ValueRef } from "./reference-identity";

// ---- identity sources and the result cache ----

/**
 * Why a Lambda authorizer's cached Allow could be served to callers without the credential, or undefined
 * (one definition with the spec: kernel/credential-source.ts). Values known only after apply are not
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

/** A value as the review shows it: known-after-apply values said so, with their expression. */
export const valueText = (v: unknown): string =>
  isUnknown(v) ? `(known after apply${v.expression !== undefined ? `: ${v.expression}` : ""})` : typeof v === "string" ? v : JSON.stringify(v ?? null);

export function codeIdentity(model: Model, fn: ResourceInstance): CodeIdentity {
  const stack = fn.source.stack;
  const bundle = model.bundles?.find((b) => b.functionAddress === fn.address && b.source.stack === stack && b.source.file === fn.source.file)?.bundle;
  const env = asObject(asObject(firstBlock(fn.values["environment"]))["variables"]);
  const read = parametersReadBy(model, fn);
  const params = read.map((p) => [valueText(p.values["name"]), valueOf(model, stack, p.values["value"])] as const);
  return {
    fn: targetOf(model, fn),
    address: fn.address,
    handler: valueText(fn.values["handler"]),
    layers: valueOf(model, stack, fn.values["layers"] ?? []),
    ...(bundle !== undefined && "digest" in bundle ? { digest: bundle.digest } : {}),
    ...(bundle !== undefined && "problem" in bundle ? { bundleProblem: bundle.problem } : {}),
    sourceHash: valueText(fn.values["source_code_hash"]),
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
export function mapDifference(b: ReadonlyMap<string, ValueRef>, a: ReadonlyMap<string, ValueRef>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) {
    const old = b.get(k);
    if (old === undefined) out.push(`${k} added (${v.display})`);
    else if (!sameValue(old, v)) out.push(`${k}: ${old.display} → ${v.display}`);
  }
  for (const k of b.keys()) if (!a.has(k)) out.push(`${k} removed`);
  return out;
}
