// Where one backend-visible value comes from, in the words of every API form's mapping syntax: REST
// (`method.request.header.X`, `context.authorizer.claims.sub`, `stageVariables.x`, `'literal'`), WebSocket
// (`route.request.header.X`) and HTTP APIs (`$request.header.x`, `$context.authorizer.claims.sub`, text with
// several references). Pure. Anything not recognised is "unknown": never taken for a verified source.

/**
 * `identity`: what the authorizer or IAM verified (a token's claims, a Lambda authorizer's context, the signer);
 * `context`: set by API Gateway, not by the caller and not an identity (request id, stage, source IP);
 * `static`: a literal of the configuration; `stage-variable`: a stage's variable (the configuration, per stage and
 * canary); `caller`: whatever the caller sent (headers, query string, path, body); `unknown`: not readable.
 */
export type SourceClass = "identity" | "context" | "static" | "stage-variable" | "caller" | "unknown";

export interface Source {
  readonly class: SourceClass;
  /** The mapping's own text: `method.request.header.X-User-Id`, `'reader'`. */
  readonly text: string;
}

/**
 * How far a caller can choose the value, highest first: a verified identity, then values fixed by API Gateway or the
 * configuration, then the caller's own, then unreadable. A change to a lower rank lets the caller choose more.
 */
export const RANK: Readonly<Record<SourceClass, number>> = { identity: 3, context: 2, static: 2, "stage-variable": 2, caller: 1, unknown: 0 };

/** The weakest of several sources (a value composed of them, or one name fed several ways); undefined for none. */
export function weakest(sources: readonly Source[]): Source | undefined {
  let out: Source | undefined;
  for (const s of sources) if (out === undefined || RANK[s.class] < RANK[out.class]) out = s;
  return out;
}

/** `$context.identity.*` fields the caller writes, or that say where the call came from rather than who made it. */
const IDENTITY_CALLER = new Set(["userAgent"]);
const IDENTITY_CONTEXT = new Set(["sourceIp", "vpceId", "vpcId"]);
/** `$context.*` fields that repeat what the caller sent (the path, the host name). */
const CONTEXT_CALLER = new Set(["path", "domainName", "domainPrefix", "resourcePath", "routeKey"]);

/** A dotted reference without `$`: `context.authorizer.claims.sub`, `request.header.x`, `method.request.path.id`. */
function classifyReference(ref: string): SourceClass {
  const [head, second, third] = ref.split(/[.[]/);
  switch (head) {
    case "method":
    case "route":
    case "request":
      // method.request.*, route.request.* (WebSocket), $request.* (HTTP APIs): the caller's request.
      return head === "request" || second === "request" ? "caller" : "unknown";
    case "input":
      return "caller";
    case "stageVariables":
      return second !== undefined && second !== "" ? "stage-variable" : "unknown";
    case "context":
      if (second === "authorizer") return "identity";
      if (second === "identity")
        return third === undefined ? "unknown" : IDENTITY_CALLER.has(third) ? "caller" : IDENTITY_CONTEXT.has(third) ? "context" : "identity";
      if (second === undefined || second === "") return "unknown";
      return CONTEXT_CALLER.has(second) ? "caller" : "context";
    default:
      return "unknown";
  }
}

/** A REST or WebSocket mapping value: one reference, or a single-quoted literal. */
export function restSource(value: unknown): Source {
  if (typeof value !== "string") return { class: "unknown", text: value === undefined ? "(unset)" : JSON.stringify(value) };
  const v = value.trim();
  if (/^'[^']*'$/.test(v)) return { class: "static", text: v };
  if (!/^[A-Za-z][\w-]*(\.[\w:@$-]+|\[[^\]]*\])+$/.test(v)) return { class: "unknown", text: v };
  return { class: classifyReference(v), text: v };
}

/** `$request.header.x`, `${context.authorizer.claims.sub}`: references inside HTTP API text. */
const V2_REFERENCE = /\$\{([^}]*)\}|\$([A-Za-z][\w]*(?:\.[\w:@-]+)*)/g;

/**
 * An HTTP API mapping value: text with any number of `$` references (`Bearer $request.header.token`). The weakest
 * reference decides; text without a reference is a literal. A `$` that starts no reference is unreadable.
 */
export function httpApiSource(value: unknown): Source {
  if (typeof value !== "string") return { class: "unknown", text: value === undefined ? "(unset)" : JSON.stringify(value) };
  const refs = [...value.matchAll(V2_REFERENCE)].map((m) => (m[1] ?? m[2] ?? "").trim());
  const dollars = (value.match(/\$/g) ?? []).length;
  if (refs.length !== dollars || refs.some((r) => r === "")) return { class: "unknown", text: value };
  if (refs.length === 0) return { class: "static", text: value };
  const classes = refs.map((r) => ({ class: classifyReference(r), text: value }));
  return weakest(classes) ?? { class: "unknown", text: value };
}

/** A template reference (`context.authorizer.claims.sub`, `input.params('x')` as `input`): its class. */
export const templateReferenceClass = (ref: string): SourceClass => classifyReference(ref);

/** A value's text when a mapping strips the caller's (`remove:header.x`): nothing is sent under the name. */
export const REMOVED = "stripped by ";

/** How a report names a source: "the token (context.authorizer.claims.sub)". */
export function describeSource(s: Source): string {
  switch (s.class) {
    case "identity":
      return /authorizer\.claims/.test(s.text)
        ? `the token (${s.text})`
        : /authorizer/.test(s.text)
          ? `the authorizer (${s.text})`
          : `the verified caller identity (${s.text})`;
    case "context":
      return `the request context (${s.text})`;
    case "static":
      return s.text.startsWith(REMOVED)
        ? `the configuration, which stripped the caller's value (${s.text.slice(REMOVED.length)})`
        : `a fixed value (${s.text})`;
    case "stage-variable":
      return `a stage variable (${s.text})`;
    case "caller":
      return `the caller (${s.text})`;
    case "unknown":
      return `an expression the review cannot read (${s.text})`;
  }
}
