// CloudFront drift: each live distribution against the code's distribution it corresponds to (door-ids.ts: the one
// fronting the same set of APIs), attribute by attribute (cloudfront-facts.ts), naming both values. A live
// distribution in front of a code API with no counterpart is a door added outside review; a code distribution with
// none was not deployed. Deployed weaker than code is high: a web ACL, edge function or CloudFront Function removed
// or replaced (or its code changed), an origin header removed or added (the backend may trust it as an identity), an
// origin reaching another backend or reached over a weaker protocol, a weaker viewer protocol or TLS, more methods,
// Authorization leaving the cache key, a signed-URL key group removed, a path pattern the code does not have; any
// other difference is medium. A value that cannot be resolved on
// either side is an info entry saying it is not verified, never a pass. Pure.
import type { Model, ResourceInstance } from "../../../guard/model";
import type { Severity } from "../../../guard/policy/types";
import { distributionFacts, type BehaviorFacts, type EdgeFunctionFacts, type Fact } from "./cloudfront-facts";
import { distributionCorrespondence } from "./door-ids";
import type { DriftEntry } from "./drift-entry";
import type { Unread } from "./snapshot";

/** Protocol policies and TLS versions, weakest first: deployed lower than code is weaker. */
const VIEWER_PROTOCOL = ["allow-all", "redirect-to-https", "https-only"];
const ORIGIN_PROTOCOL = ["http-only", "match-viewer", "https-only"];
const TLS = ["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.3_2025"];

/** Whether `deployed` ranks below `code` in `order`; an unranked value counts as weaker (fail closed). */
const lower = (order: readonly string[], deployed: string, code: string): boolean => {
  const d = order.indexOf(deployed.replace(/ \(.*\)$/, ""));
  const c = order.indexOf(code.replace(/ \(.*\)$/, ""));
  return d < 0 || c < 0 || d < c;
};

const REQUEST_EVENTS = new Set(["viewer-request", "origin-request"]);

interface Pair {
  readonly code: ResourceInstance;
  readonly live: ResourceInstance;
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** `petstore-prod API (E2SHOPDEV)`: the code's comment, the live id. */
function label(p: Pair): string {
  const name = text(p.code.values["comment"]) ?? p.code.address;
  const id = text(p.live.values["id"]);
  return id === undefined ? name : `${name} (${id})`;
}

/** Compares one attribute; `weaker` decides high or medium when both are known and differ. */
function compare(p: Pair, what: string, deployed: Fact, code: Fact, weaker: (deployed: string, code: string) => boolean, why?: string): DriftEntry | undefined {
  const subject = `distribution ${label(p)}`;
  if ("known" in deployed && "known" in code) {
    if (deployed.known === code.known) return undefined;
    return {
      severity: weaker(deployed.known, code.known) ? "high" : "medium",
      kind: "distribution-changed",
      subject,
      deployed: deployed.known,
      code: code.known,
      message: `${subject}: ${what}: deployed ${deployed.known}, code ${code.known}${why === undefined ? "" : ` (${why})`}`,
      address: p.live.address,
    };
  }
  const reason = "unknown" in code ? `code: ${code.unknown}` : "unknown" in deployed ? `deployed: ${deployed.unknown}` : "";
  return {
    severity: "info",
    kind: "distribution-not-verified",
    subject,
    deployed: "known" in deployed ? deployed.known : "not known",
    code: "known" in code ? code.known : "not known",
    message: `${subject}: ${what}: not verified (${reason})`,
    address: p.live.address,
  };
}

const always = (): boolean => true;
const never = (): boolean => false;
const NONE: Fact = { known: "none" };

/** Lambda@Edge or CloudFront Function associations of one behavior, by event type. */
function associations(
  p: Pair,
  where: string,
  kind: string,
  deployed: ReadonlyMap<string, EdgeFunctionFacts>,
  code: ReadonlyMap<string, EdgeFunctionFacts>,
): (DriftEntry | undefined)[] {
  const out: (DriftEntry | undefined)[] = [];
  for (const event of [...new Set([...code.keys(), ...deployed.keys()])].sort()) {
    const d = deployed.get(event);
    const c = code.get(event);
    // On a request event a function decides who gets in and as whom: any change there is high.
    const request = REQUEST_EVENTS.has(event);
    const what = `${where} ${event} ${kind}`;
    if (d === undefined || c === undefined) {
      out.push(compare(p, what, d?.name ?? NONE, c?.name ?? NONE, request ? always : (x) => x === "none"));
      continue;
    }
    const name = compare(p, what, d.name, c.name, request ? always : never);
    out.push(name);
    if (name !== undefined && name.severity !== "info") continue;
    // The same function: its version (where the code's is known) and the code it runs.
    const version =
      c.version !== undefined && "known" in c.version && d.version !== undefined ? compare(p, `${what} version`, d.version, c.version, always) : undefined;
    out.push(version);
    if (version === undefined)
      out.push(
        compare(p, `${what} code (SHA-256)`, d.codeHash, c.codeHash, request ? always : never, "the deployed function runs code other than the reviewed code"),
      );
  }
  return out;
}

function behaviorEntries(p: Pair, deployed: BehaviorFacts, code: BehaviorFacts): (DriftEntry | undefined)[] {
  const where = deployed.name === "default" ? "default behavior" : `behavior ${deployed.name}`;
  const methodsWider = (d: string, c: string) => d.split(", ").some((m) => !c.split(", ").includes(m));
  return [
    compare(p, `${where} target origin`, deployed.target, code.target, never),
    compare(p, `${where} viewer protocol policy`, deployed.viewerProtocol, code.viewerProtocol, (d, c) => lower(VIEWER_PROTOCOL, d, c)),
    compare(p, `${where} allowed methods`, deployed.methods, code.methods, methodsWider),
    compare(
      p,
      `${where} Authorization`,
      deployed.authorizationInCacheKey,
      code.authorizationInCacheKey,
      (d) => d.startsWith("not"),
      "the cache key decides whose response a caller gets",
    ),
    compare(p, `${where} origin request policy`, deployed.originRequestPolicy, code.originRequestPolicy, never, "which viewer headers reach the origin"),
    compare(p, `${where} trusted key groups (signed URLs)`, deployed.trustedSigners, code.trustedSigners, (d, c) =>
      // A key group the code trusts that is gone: some signed URLs now fail, or none is required at all.
      c.startsWith("none") ? false : d.startsWith("none") || c.split(", ").some((k) => !d.split(", ").includes(k)),
    ),
    ...associations(p, where, "edge function", deployed.lambdas, code.lambdas),
    ...associations(p, where, "CloudFront Function", deployed.functions, code.functions),
  ];
}

/** Every difference between a live distribution and its code counterpart. */
function pairEntries(codeModel: Model, liveModel: Model, p: Pair): DriftEntry[] {
  const c = distributionFacts(codeModel, p.code);
  const d = distributionFacts(liveModel, p.live);
  const out: (DriftEntry | undefined)[] = [
    // Removed or replaced: what filters requests is not the reviewed one. One the code does not have is only added.
    compare(p, "web ACL", d.webAcl, c.webAcl, (_d, code) => code !== "none", "the web ACL filters every request before it reaches a behavior"),
    compare(p, "minimum TLS", d.minimumTls, c.minimumTls, (x, y) => lower(TLS, x, y)),
  ];
  const liveBehaviors = new Map(d.behaviors.map((b) => [b.name, b]));
  const codeBehaviors = new Map(c.behaviors.map((b) => [b.name, b]));
  for (const b of c.behaviors) {
    const l = liveBehaviors.get(b.name);
    if (l === undefined) out.push(compare(p, `behavior ${b.name}`, NONE, { known: "present" }, never, "its requests fall to another behavior"));
    else out.push(...behaviorEntries(p, l, b));
  }
  for (const b of d.behaviors)
    if (!codeBehaviors.has(b.name)) out.push(compare(p, `behavior ${b.name}`, { known: "present" }, NONE, always, "a path the review never saw"));
  // Precedence: the same ordered patterns in another order send requests to other behaviors.
  const order = (bs: readonly BehaviorFacts[], other: ReadonlyMap<string, BehaviorFacts>) =>
    bs.filter((b) => b.name !== "default" && other.has(b.name)).map((b) => b.name);
  out.push(
    compare(
      p,
      "ordered behaviors' precedence",
      { known: order(d.behaviors, codeBehaviors).join(", ") },
      { known: order(c.behaviors, liveBehaviors).join(", ") },
      never,
    ),
  );
  const liveOrigins = new Map(d.origins.map((o) => [o.id, o]));
  for (const o of c.origins) {
    const l = liveOrigins.get(o.id);
    const where = `origin ${o.id}`;
    if (l === undefined) {
      out.push(compare(p, where, NONE, { known: "present" }, never));
      continue;
    }
    out.push(
      compare(p, `${where} reaches`, l.reaches, o.reaches, always, "another backend behind the same behaviors"),
      compare(p, `${where} path`, l.path, o.path, always),
      compare(
        p,
        `${where} protocol`,
        l.protocol,
        o.protocol,
        (x, y) => lower(ORIGIN_PROTOCOL, x, y),
        "over HTTP its custom headers, the origin secret among them, travel in clear",
      ),
      compare(
        p,
        `${where} custom headers (names; values are never read)`,
        { known: l.headers.join(", ") || "none" },
        { known: o.headers.join(", ") || "none" },
        always,
        "a header removed stops proving the request came through CloudFront; one added may be trusted by the backend",
      ),
    );
  }
  const codeOrigins = new Set(c.origins.map((o) => o.id));
  for (const o of d.origins) {
    if (codeOrigins.has(o.id)) continue;
    const reaches = "known" in o.reaches ? o.reaches.known : `not known (${o.reaches.unknown})`;
    out.push(compare(p, `origin ${o.id}`, { known: `present, reaching ${reaches}` }, NONE, (x) => !x.includes("reaching host ")));
  }
  for (const id of [...new Set([...c.originGroups.keys(), ...d.originGroups.keys()])].sort())
    out.push(
      compare(p, `origin group ${id} members`, { known: d.originGroups.get(id) ?? "none" }, { known: c.originGroups.get(id) ?? "none" }, (x, y) =>
        x.split(", ").some((m) => !y.split(", ").includes(m)),
      ),
    );
  return out.filter((e): e is DriftEntry => e !== undefined);
}

const apiWords = (apis: readonly string[]): string => `API${apis.length > 1 ? "s" : ""} ${apis.join(", ")}`;

/** Every CloudFront difference between the reviewed code and the account. */
export function cloudfrontDriftEntries(code: Model, live: Model, unread: readonly Unread[]): DriftEntry[] {
  const c = distributionCorrespondence(code, live);
  const out: DriftEntry[] = [];
  const codeApis = new Set(
    code.resources.filter((r) => r.type === "aws_api_gateway_rest_api" || r.type === "aws_apigatewayv2_api").map((r) => text(r.values["name"])),
  );
  // What hides live distributions: their listing (or a configuration) failed, or one fronts APIs not known here.
  const listingUnread = unread.find((u) => u.service === "cloudfront" && u.scope === undefined);
  const hidden = listingUnread !== undefined || c.unknownLive.length > 0;
  for (const p of c.pairs) out.push(...pairEntries(code, live, p));
  for (const { live: d, apis } of c.liveOnly) {
    if (!apis.some((a) => codeApis.has(a))) continue;
    const id = text(d.values["id"]) ?? d.address;
    out.push({
      severity: "high",
      kind: "distribution-not-in-code",
      subject: `distribution ${id}`,
      deployed: `a distribution fronting ${apiWords(apis)}`,
      code: "no distribution corresponds (none, or more than one on either side, fronts exactly these APIs)",
      message: `distribution ${id}: deployed in front of ${apiWords(apis)}, code has no distribution that corresponds to it (a door added outside review)`,
      address: d.address,
    });
  }
  for (const { code: d, apis } of c.codeOnly) {
    const name = text(d.values["comment"]) ?? d.address;
    out.push({
      severity: hidden ? "info" : "medium",
      kind: "distribution-not-deployed",
      subject: `distribution ${name}`,
      deployed: "no distribution corresponds",
      code: `a distribution fronting ${apiWords(apis)}`,
      message: `distribution ${name}: code fronts ${apiWords(apis)}, no live distribution corresponds to it${
        hidden
          ? ` (not verified: ${listingUnread !== undefined ? `${listingUnread.what}: ${listingUnread.reason}` : "a live distribution fronts APIs not known here"})`
          : ""
      }`,
      address: d.address,
    });
  }
  const notVerified = (d: ResourceInstance, side: string, severity: Severity): DriftEntry => {
    const id = text(d.values["id"]) ?? text(d.values["comment"]) ?? d.address;
    return {
      severity,
      kind: "distribution-not-verified",
      subject: `distribution ${id}`,
      deployed: side === "deployed" ? "fronts APIs not known" : "not compared",
      code: side === "code" ? "fronts APIs not known" : "not compared",
      message: `distribution ${id}: not verified: which APIs it fronts in the ${side === "code" ? "code" : "account"} is not known, so it is compared with no ${side === "code" ? "live" : "code"} distribution`,
      address: d.address,
    };
  };
  out.push(...c.unknownLive.map((d) => notVerified(d, "deployed", "info")), ...c.unknownCode.map((d) => notVerified(d, "code", "info")));
  return out;
}
