// The review's comparer of who the backend thinks the caller is (guard/access/identity-mapping.ts), per route: a
// value the base fed from a verified identity (or fixed in the configuration) that the caller now chooses, a new
// caller-chosen value under a name that says identity, an identity value now taken from elsewhere, and a mapping
// the review cannot read block, naming the backend, the route, the integration, the name and both sources.
// Narrowing (a value now verified, a spoofable mapping removed) stays quiet.
import { backendOf, looksLikeIdentity, readRoute, routeIntegrations, valueOf, type RouteIdentity } from "../../access/identity-mapping";
import type { Model } from "../../model";
import { describeSource, RANK, REMOVED, type Source } from "../../access/identity/sources";
import { change } from "../change";
import type { Change } from "../types";
import type { ChangeKind } from "../kinds";
import type { ComparedVersions } from "./comparer";

/** Blocking kinds of this comparer (ids kept as literals, easy to move into a catalogue). */
export const IDENTITY_KINDS = {
  fromCaller: "identity-from-caller",
  mappingFromCaller: "mapping-from-caller",
  changed: "identity-mapping-changed",
  notVerified: "identity-mapping-not-verified",
} as const satisfies Record<string, ChangeKind>;

type Kind = (typeof IDENTITY_KINDS)[keyof typeof IDENTITY_KINDS];

const subjectOf = (model: Model, r: RouteIdentity): string => {
  const t = backendOf(model, r);
  if (t === undefined) return `integration ${r.integration.address}`;
  return `${t.kind === "lambda" ? "backend" : t.kind === "http" ? "HTTP backend" : "target"} \`${t.label}\``;
};

interface Finding {
  readonly kind: Kind;
  readonly text: string;
}

const now = (name: string, after: Source, before: Source | undefined): string =>
  `${name} now from ${describeSource(after)}, before ${before === undefined ? "not sent" : `from ${describeSource(before)}`}`;

/** The bare names (`x-user-id`) the base fed from a verified identity, whatever the location. */
function identityNames(r: RouteIdentity | undefined): Set<string> {
  const out = new Set<string>();
  for (const [key, v] of r?.values ?? []) if (v.source.class === "identity") out.add(key.replace(/^(header|querystring|path|parameter|body field) /, ""));
  return out;
}

function judgeName(key: string, before: RouteIdentity | undefined, after: RouteIdentity, baseIdentity: ReadonlySet<string>): Finding | undefined {
  const b = before === undefined ? undefined : valueOf(before, key);
  const a = valueOf(after, key);
  // No longer sent (or stripped): the backend cannot be told a spoofed value under it.
  if (a === undefined || a.source.text.startsWith(REMOVED)) return undefined;
  if (b !== undefined && b.source.class === a.source.class && b.source.text === a.source.text) return undefined;
  const name = b?.name ?? a.name;
  const bare = key.replace(/^(header|querystring|path|parameter|body field) /, "");
  const identityName =
    looksLikeIdentity(name) ||
    baseIdentity.has(bare) ||
    (key === "body" && [...(before?.values.values() ?? [])].some((v) => v.name.startsWith("body field ") && v.source.class === "identity"));
  const rb = b === undefined ? undefined : RANK[b.source.class];
  const ra = RANK[a.source.class];
  if (a.source.class === "unknown") return { kind: IDENTITY_KINDS.notVerified, text: `${now(name, a.source, b?.source)}: not verified` };
  if (rb === undefined) {
    if (!identityName || a.source.class === "identity") return undefined;
    return a.source.class === "caller"
      ? { kind: IDENTITY_KINDS.fromCaller, text: `${now(name, a.source, undefined)}: the caller chooses a value the backend can take for who they are` }
      : { kind: IDENTITY_KINDS.changed, text: `${now(name, a.source, undefined)}: a value that names who the caller is, not verified` };
  }
  const bs = b?.source as Source;
  if (ra < rb) {
    if (a.source.class === "caller")
      return bs.class === "identity"
        ? { kind: IDENTITY_KINDS.fromCaller, text: `${now(name, a.source, bs)}: any caller can claim another's identity` }
        : { kind: IDENTITY_KINDS.mappingFromCaller, text: `${now(name, a.source, bs)}: the caller now chooses a value the configuration fixed` };
    return { kind: IDENTITY_KINDS.changed, text: `${now(name, a.source, bs)}: the backend no longer receives the verified identity` };
  }
  if (ra === rb && (bs.class === "identity" || identityName))
    return { kind: IDENTITY_KINDS.changed, text: `${now(name, a.source, bs)}: which identity the backend receives changed` };
  return undefined; // narrower, or another value of the same standing under a name that is no identity
}

function judgeRoute(before: RouteIdentity | undefined, after: RouteIdentity): Finding[] {
  const out: Finding[] = [];
  const baseIdentity = identityNames(before);
  const keys = new Set([...(before?.values.keys() ?? []), ...after.values.keys()]);
  for (const key of keys) {
    const f = judgeName(key, before, after, baseIdentity);
    if (f !== undefined) out.push(f);
  }
  for (const part of new Set([...(before?.unreadable.keys() ?? []), ...after.unreadable.keys()])) {
    const b = before?.unreadable.get(part);
    const a = after.unreadable.get(part);
    if (b?.text === a?.text) continue;
    const why = (a ?? b)?.why ?? "";
    out.push({ kind: IDENTITY_KINDS.notVerified, text: `${part} changed and cannot be read (${why}): what reaches the backend as the caller is not verified` });
  }
  return out;
}

export function compareIdentityMapping(versions: ComparedVersions): Change[] {
  const base = new Map(routeIntegrations(versions.base).map((r) => [r.key, r]));
  // A route moved to another path or method keeps its integration: compared with what that integration gave.
  const byIntegration = new Map(routeIntegrations(versions.base).map((r) => [`${r.integration.source.stack}\u0000${r.integration.address}`, r]));
  // One change per integration and finding, naming every route that shares it.
  const grouped = new Map<string, { subject: string; kind: Kind; text: string; routes: string[]; addresses: string[] }>();
  for (const head of routeIntegrations(versions.head)) {
    const old = base.get(head.key) ?? byIntegration.get(`${head.integration.source.stack}\u0000${head.integration.address}`);
    // The same mapping text (types included) hands the backend the same values: nothing to read.
    if (old !== undefined && old.mappingText === head.mappingText) continue;
    const before = old === undefined ? undefined : readRoute(old);
    const after = readRoute(head);
    for (const f of judgeRoute(before, after)) {
      const k = `${after.integration.source.stack}\u0000${after.integration.address}\u0000${f.kind}\u0000${f.text}`;
      const g = grouped.get(k) ?? { subject: subjectOf(versions.head, after), kind: f.kind, text: f.text, routes: [], addresses: [after.integration.address] };
      g.routes.push(after.route);
      if (before !== undefined && before.integration.address !== after.integration.address) g.addresses.push(before.integration.address);
      grouped.set(k, g);
    }
  }
  return [...grouped.values()].map((g) => {
    const routes = g.routes.length > 3 ? `${g.routes.slice(0, 3).join(", ")} and ${g.routes.length - 3} more` : g.routes.join(", ");
    return change(g.kind, g.subject, `${routes} (integration ${g.addresses[0] ?? ""}): ${g.text}`, g.addresses);
  });
}
