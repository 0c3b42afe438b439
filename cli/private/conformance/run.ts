// One conformance run: obtain each credential class once (or say why not), then call every planned route with each
// class under the limiter, and judge each answer (guard/conformance). I/O lives here; every decision is imported.
import { expectedAnswer } from "../../../guard/conformance/expect";
import { verdictOf } from "../../../guard/conformance/judge";
import { noAnswer, observe } from "../../../guard/conformance/observe";
import type { PlannedRoute } from "../../../guard/conformance/call-plan";
import { policyRequirement, scopesOf, specRequirement, type Requirement } from "../../../guard/conformance/requirement";
import {
  CREDENTIAL_CLASSES,
  type CaseResult,
  type Credential,
  type CredentialClass,
  type Entry,
  type Presented,
  type TokenFacts,
} from "../../../guard/conformance/types";
import type { IntendedRoute } from "../../../guard/policy/types";
import type { AccessSpec, MachineClientSpec } from "../../../access-spec/types";
import { createLimiter, send, type Limiter } from "./http";
import { resolveSigner, sigV4Headers, type Signer } from "./sigv4";
import { clientCredentialsToken, craftExpiredToken, decodeJwt, tokenFacts, type Obtained } from "./tokens";

/** The value the malformed class sends as its bearer token: no JWT at all. */
const MALFORMED_TOKEN = "conformance-not-a-jwt";

export interface MachineClient {
  readonly spec: MachineClientSpec;
  readonly clientId: string;
  readonly secret: string;
  readonly tokenUrl: URL;
}

export interface RunInput {
  readonly spec: AccessSpec;
  readonly url: URL;
  readonly entry: Entry;
  readonly routes: readonly PlannedRoute[];
  /** The policy's entry per route key; undefined when no policy speaks for the API (the spec alone judges). */
  readonly intended: ((key: string, route: PlannedRoute) => IntendedRoute | undefined) | undefined;
  /** The machine client for client_credentials tokens, or why there is none. */
  readonly machine: Obtained<MachineClient>;
  /** App client id -> spec name, to name the client of a token. */
  readonly clientNames: ReadonlyMap<string, string>;
  readonly idToken: Obtained<string>;
  readonly accessToken: Obtained<string>;
  readonly apiKey: Obtained<string>;
  readonly roleArn: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly ratePerSecond: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly nowSeconds: () => number;
}

interface HeldToken {
  readonly token: string;
  readonly facts: TokenFacts;
}

/** What each class presents, obtained once per run (the wrong-scope token per scope set, on demand). */
interface Kit {
  readonly clientCredentials: Obtained<HeldToken>;
  readonly idToken: Obtained<HeldToken>;
  readonly accessToken: Obtained<HeldToken>;
  readonly expired: string;
  readonly sigv4: Obtained<Signer>;
  readonly apiKey: Obtained<string>;
  readonly wrongScope: (routeScopes: readonly string[]) => Promise<Obtained<HeldToken>>;
}

const held = (input: RunInput, token: Obtained<string>, what: string): Obtained<HeldToken> => {
  if (!token.ok) return token;
  const facts = tokenFacts(token.value, input.clientNames, input.nowSeconds());
  return facts.ok ? { ok: true, value: { token: token.value, facts: facts.value } } : { ok: false, why: `${what}: ${facts.why}` };
};

async function obtainKit(input: RunInput): Promise<Kit> {
  const machine = input.machine;
  const tokens = new Map<string, Promise<Obtained<HeldToken>>>();
  const machineToken = (scopes: readonly string[]): Promise<Obtained<HeldToken>> => {
    if (!machine.ok) return Promise.resolve(machine);
    const key = [...scopes].sort().join(" ");
    let pending = tokens.get(key);
    if (pending === undefined) {
      pending = clientCredentialsToken(machine.value.tokenUrl, machine.value.clientId, machine.value.secret, scopes, input.timeoutMs).then((t) =>
        held(input, t, "the client_credentials token"),
      );
      tokens.set(key, pending);
    }
    return pending;
  };
  const clientCredentials = await machineToken(machine.ok ? machine.value.spec.scopes : []);
  const idToken = held(input, input.idToken, "CONFORMANCE_ID_TOKEN");
  const accessToken = held(input, input.accessToken, "CONFORMANCE_ACCESS_TOKEN");
  // The forgery names a real issuer and key when the run holds a real token, so it fails on what it should.
  const real = [clientCredentials, accessToken, idToken].find((t) => t.ok);
  const jwt = real?.ok === true ? decodeJwt(real.value.token) : undefined;
  const allScopes = input.spec.cognito.resourceServers.flatMap((s) => Object.keys(s.scopes).map((n) => `${s.identifier}/${n}`));
  const expired = craftExpiredToken(
    {
      iss: typeof jwt?.payload.iss === "string" ? jwt.payload.iss : `https://cognito-idp.${input.spec.region}.amazonaws.com/${input.spec.region}_conformance`,
      kid: typeof jwt?.header.kid === "string" ? jwt.header.kid : "conformance",
      clientId: machine.ok ? machine.value.clientId : "conformance",
      scopes: allScopes,
    },
    input.nowSeconds(),
  );
  const sigv4 = await resolveSigner(input.env, input.spec.region, input.roleArn, input.timeoutMs);
  const wrongScope = async (routeScopes: readonly string[]): Promise<Obtained<HeldToken>> => {
    if (!machine.ok) return machine;
    const others = machine.value.spec.scopes.filter((s) => !routeScopes.includes(s));
    if (others.length === 0) return { ok: false, why: `every scope of client ${machine.value.spec.name} is one the route accepts` };
    return machineToken(others);
  };
  return { clientCredentials, idToken, accessToken, expired, sigv4, apiKey: input.apiKey, wrongScope };
}

interface Prepared {
  readonly presented: Presented;
  readonly headers: Record<string, string>;
  /** Sign last, over every other header. */
  readonly sign?: Signer;
}

/** What `cls` sends on a route, or why it cannot (not-tested) or means nothing there (n/a). */
async function prepare(
  kit: Kit,
  cls: CredentialClass,
  scopes: readonly string[],
): Promise<Prepared | { readonly verdict: "not-tested" | "n/a"; readonly why: string }> {
  const bearer = (t: HeldToken): Prepared => ({ presented: { kind: "token", facts: t.facts }, headers: { authorization: `Bearer ${t.token}` } });
  const from = (t: Obtained<HeldToken>): Prepared | { verdict: "not-tested"; why: string } => (t.ok ? bearer(t.value) : { verdict: "not-tested", why: t.why });
  switch (cls) {
    case "none":
    case "api-key":
      return { presented: { kind: "nothing" }, headers: {} };
    case "malformed":
      return { presented: { kind: "garbage" }, headers: { authorization: `Bearer ${MALFORMED_TOKEN}` } };
    case "expired":
      return { presented: { kind: "forged" }, headers: { authorization: `Bearer ${kit.expired}` } };
    case "wrong-scope":
      if (scopes.length === 0) return { verdict: "n/a", why: "the route requires no scope" };
      return from(await kit.wrongScope(scopes));
    case "client-credentials":
      return from(kit.clientCredentials);
    case "id-token":
      return from(kit.idToken);
    case "access-token":
      return from(kit.accessToken);
    case "sigv4":
      if (!kit.sigv4.ok) return { verdict: "not-tested", why: kit.sigv4.why };
      return { presented: { kind: "sigv4", roleName: kit.sigv4.value.roleName }, headers: {}, sign: kit.sigv4.value };
  }
}

/** `https://x/dev` + `/pets/x` (the stage path kept, one slash between). */
function requestUrl(base: URL, requestPath: string): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, "")}${requestPath}`;
  return url;
}

async function runCase(input: RunInput, kit: Kit, limiter: Limiter, planned: PlannedRoute, cls: CredentialClass): Promise<CaseResult> {
  const base = { route: planned.key, credential: cls };
  if (planned.skip !== undefined) return { ...base, verdict: "not-tested", detail: planned.skip };
  const bySpec = specRequirement(input.spec, planned.route, input.entry, planned.requestPath);
  const byPolicy: Requirement | undefined =
    input.intended === undefined ? undefined : policyRequirement(input.spec, input.intended(planned.key, planned), input.entry);
  const scopes = [...new Set([...scopesOf(bySpec), ...(byPolicy === undefined ? [] : scopesOf(byPolicy))])];
  const prepared = await prepare(kit, cls, scopes);
  if ("verdict" in prepared) return { ...base, verdict: prepared.verdict, detail: prepared.why };
  const keyWanted = bySpec.apiKey || byPolicy?.apiKey === true;
  // The API key goes with every class but `none` where the route wants one (so a token is judged, not the key's
  // absence), and is the whole of the api-key class.
  const sendKey = cls === "api-key" || (cls !== "none" && keyWanted);
  if (cls === "api-key" && !kit.apiKey.ok) return { ...base, verdict: "not-tested", detail: kit.apiKey.why };
  const headers: Record<string, string> = { ...prepared.headers };
  if (sendKey && kit.apiKey.ok) headers["x-api-key"] = kit.apiKey.value;
  const credential: Credential = { presented: prepared.presented, apiKey: headers["x-api-key"] !== undefined };
  const expected = expectedAnswer(bySpec, byPolicy, credential);
  const url = requestUrl(input.url, planned.requestPath);
  const body = ["GET", "HEAD", "OPTIONS"].includes(planned.method) ? undefined : "{}";
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    // Node sends a DELETE body without framing otherwise; the length is signed like every other header.
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  const request = `${planned.method} ${planned.requestPath}`;
  const observed = await limiter.run(async () => {
    const signed = prepared.sign === undefined ? headers : await sigV4Headers(prepared.sign.credentials, input.spec.region, planned.method, url, headers, body);
    const answer = await send({ method: planned.method, url, headers: signed, ...(body !== undefined ? { body } : {}) }, input.timeoutMs);
    return answer.kind === "answer" ? observe(answer.status, answer.headers) : noAnswer(answer.why);
  });
  const { verdict, detail } = verdictOf(expected, observed);
  return { ...base, request, expected, observed, verdict, detail };
}

/** Every planned route with every class, in route order then class order; plus a note per class not obtained. */
export async function runConformance(input: RunInput): Promise<{ readonly results: CaseResult[]; readonly notes: string[] }> {
  const kit = await obtainKit(input);
  const limiter = createLimiter(input.ratePerSecond, input.concurrency);
  const notes: string[] = [];
  const unavailable: [string, Obtained<unknown>][] = [
    ["client-credentials", kit.clientCredentials],
    ["id-token", kit.idToken],
    ["access-token", kit.accessToken],
    ["sigv4", kit.sigv4],
    ["api-key", kit.apiKey],
  ];
  for (const [cls, o] of unavailable) if (!o.ok) notes.push(`${cls} not tested: ${o.why}`);
  if (kit.sigv4.ok) notes.push(`sigv4 signs with ${kit.sigv4.value.source}`);
  const results = await Promise.all(input.routes.flatMap((planned) => CREDENTIAL_CLASSES.map((cls) => runCase(input, kit, limiter, planned, cls))));
  return { results, notes };
}
