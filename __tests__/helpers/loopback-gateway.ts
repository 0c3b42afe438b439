// A loopback API Gateway for one access spec's REST stage: node:http on 127.0.0.1, answering as API Gateway does.
// NONE routes reach the backend; COGNITO_USER_POOLS routes verify the bearer token with aws-jwt-verify against the
// JWKS this server serves (RSA keys generated here) and check scopes; LAMBDA (CUSTOM) routes call the REAL bundled
// authorizer (esbuild bundle of lambdas/authorizer, its route-table.json and env as stacks/access-stack.ts gives
// them) and obey the policy it returns; AWS_IAM routes verify a SigV4 signature against the credentials configured
// here and admit only the roles the route names; API-key routes check x-api-key. It also serves the pool's
// /oauth2/token (client_credentials), its JWKS, and an STS endpoint (AssumeRole, GetCallerIdentity).
// Gateway refusals carry `x-amzn-ErrorType` as API Gateway's gateway responses do. No authorizer result caching.
import { randomBytes } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { buildHandlerCode } from "../../constructs/private/bundle";
import { groupRoleName, invokerRoleName } from "../../constructs/private/names";
import { matchesArn } from "../../kernel/match/glob";
import { compareRoutePrecedence, routeCovers } from "../../kernel/match/route";
import { BoundedFetcher } from "../../lambdas/shared/jwks-fetcher";
import { routeTableJson } from "../../kernel/contracts/route-table";
import { buildRouteTables } from "../../access-spec/route-table";
import { routeKey, type AccessSpec, type AuthorizationSpec, type RouteSpec } from "../../access-spec/types";
import { generateKey, jwtRs256 } from "./jwt";

interface IamPrincipal {
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** `arn:aws:sts::123456789012:assumed-role/<role>/<session>` (or an IAM user's ARN). */
  readonly arn: string;
}

export interface LoopbackGatewayOptions {
  readonly spec: AccessSpec;
  /** Route key -> the authorization this gateway applies instead of the spec's: a mis-configured deployment. */
  readonly misconfigure?: Readonly<Record<string, AuthorizationSpec>>;
  /** API keys of the stage's usage plans. */
  readonly apiKeys?: readonly string[];
  /** Access key id -> credentials whose SigV4 signatures verify (the environment's, say). */
  readonly principals?: Readonly<Record<string, IamPrincipal>>;
  /** Role ARNs AssumeRole hands credentials for (to any caller it knows). */
  readonly assumableRoles?: readonly string[];
}

interface GatewayCall {
  readonly method: string;
  /** Path below the stage: `/pets/x`. */
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface LoopbackGateway {
  /** The stage's invoke URL: `http://127.0.0.1:<port>/<stage>`. */
  readonly url: string;
  readonly tokenUrl: string;
  readonly stsUrl: string;
  readonly userPoolId: string;
  readonly issuer: string;
  /** Spec client name -> app client id (as the stack's `client_ids` output). */
  readonly clientIds: Readonly<Record<string, string>>;
  /** Machine client name -> its secret. */
  readonly clientSecrets: Readonly<Record<string, string>>;
  /** Every call to the stage, in arrival order. */
  readonly calls: GatewayCall[];
  /** Route keys whose backend ran. */
  readonly backendCalls: string[];
  /** A token of the pool, signed with its key (user tokens for the tests). */
  sign(claims: Record<string, unknown>): string;
  close(): Promise<void>;
}

const ACCOUNT = "123456789012";
const API_ID = "loopback";
const KID = "loopback-key-1";

type Handler = (event: unknown) => Promise<unknown>;

interface Answer {
  readonly status: number;
  readonly errorType?: string;
  readonly body: unknown;
}

const refuse = (status: number, errorType: string, message: string): Answer => ({ status, errorType, body: { message } });
const UNAUTHORIZED = refuse(401, "UnauthorizedException", "Unauthorized");

/** The bundled authorizer as Lambda loads it: index.js with route-table.json beside it, env config, https to the loopback JWKS. */
function loadAuthorizer(code: Buffer, env: Record<string, string>, routeTable: string, jwksUrl: () => string): Handler {
  const dir = mkdtempSync(path.join(tmpdir(), "loopback-authorizer-"));
  writeFileSync(path.join(dir, "route-table.json"), routeTable);
  const loopbackHttps = {
    get: (_url: URL, options: http.RequestOptions, cb: (res: http.IncomingMessage) => void) => http.get(jwksUrl(), options, cb),
  };
  const fakeRequire = (name: string): unknown => (name === "https" || name === "node:https" ? loopbackHttps : require(name));
  const quiet = { ...console, log: () => undefined };
  const mod = { exports: {} as { handler?: Handler } };
  new Function("module", "exports", "require", "__dirname", "process", "console", code.toString("utf8"))(
    mod,
    mod.exports,
    fakeRequire,
    dir,
    { ...process, env },
    quiet,
  );
  if (mod.exports.handler === undefined) throw new Error("the authorizer bundle exports no handler");
  return mod.exports.handler;
}

/** Does an authorizer's policy allow `methodArn`? Explicit Deny wins; no matching Allow is a refusal (IAM's rule). */
function policyAllows(result: unknown, methodArn: string): boolean {
  const statements = (result as { policyDocument?: { Statement?: unknown } } | null)?.policyDocument?.Statement;
  if (!Array.isArray(statements)) return false;
  const matching = (effect: string) =>
    statements.some((s: { Effect?: unknown; Action?: unknown; Resource?: unknown }) => {
      if (s.Effect !== effect) return false;
      const actions = ([] as unknown[]).concat(s.Action);
      if (!actions.some((a) => typeof a === "string" && (a === "execute-api:Invoke" || a === "execute-api:*" || a === "*"))) return false;
      return ([] as unknown[]).concat(s.Resource).some((r) => typeof r === "string" && matchesArn(r, methodArn));
    });
  return !matching("Deny") && matching("Allow");
}

const amzDate = (v: string): Date | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  return m === null ? undefined : new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
};

const header = (h: http.IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startLoopbackGateway(options: LoopbackGatewayOptions): Promise<LoopbackGateway> {
  const { spec } = options;
  const stagePrefix = `/${spec.stage.name}`;
  const userPoolId = `${spec.region}_Loopback1`;
  const issuer = `https://cognito-idp.${spec.region}.amazonaws.com/${userPoolId}`;
  const key = generateKey(KID);
  const jwks = { keys: [key.jwk] };
  const clientIds: Record<string, string> = {};
  const clientSecrets: Record<string, string> = {};
  spec.cognito.clients.forEach((c, i) => {
    clientIds[c.name] = `${c.name.replace(/[^a-z0-9]/g, "")}${"0".repeat(20)}${i}`.slice(0, 26);
    if (c.kind === "machine") clientSecrets[c.name] = randomBytes(24).toString("hex");
  });
  const principals = new Map(Object.entries(options.principals ?? {}));
  const calls: GatewayCall[] = [];
  const backendCalls: string[] = [];
  let base = "";
  const jwksUrl = (): string => `${base}/${userPoolId}/.well-known/jwks.json`;

  const routes: RouteSpec[] = spec.routes.map((r) => {
    const replaced = options.misconfigure?.[routeKey(r.method, r.path)];
    return replaced === undefined ? r : { ...r, auth: replaced };
  });
  const cognito = CognitoJwtVerifier.create(
    { userPoolId, tokenUse: null, clientId: null },
    { jwksCache: new SimpleJwksCache({ fetcher: new BoundedFetcher({ timeoutMs: 2000, resolveUri: jwksUrl }) }) },
  );
  const authorizers = new Map<string, Handler>();

  const sign = (claims: Record<string, unknown>): string => jwtRs256({ alg: "RS256", kid: KID, typ: "JWT" }, claims, key.privateKey);

  async function cognitoAuthorizer(scopes: readonly string[], authorization: string | undefined): Promise<Answer | undefined> {
    if (authorization === undefined) return UNAUTHORIZED;
    let payload: Record<string, unknown>;
    try {
      payload = (await cognito.verify(authorization.replace(/^Bearer +/i, ""))) as Record<string, unknown>;
    } catch {
      return UNAUTHORIZED;
    }
    if (scopes.length === 0) return payload.token_use === "id" ? undefined : UNAUTHORIZED;
    const held = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
    return payload.token_use === "access" && scopes.some((s) => held.includes(s)) ? undefined : UNAUTHORIZED;
  }

  async function lambdaAuthorizer(
    name: string,
    route: RouteSpec,
    method: string,
    requestPath: string,
    headers: http.IncomingHttpHeaders,
  ): Promise<Answer | undefined> {
    const authorizer = spec.authorizers.find((a) => a.name === name);
    const handler = authorizers.get(name);
    if (authorizer === undefined || handler === undefined) return refuse(500, "AuthorizerConfigurationException", "Internal server error");
    const authorization = header(headers, "authorization");
    // API Gateway answers 401 itself, without invoking the function, when an identity source is missing.
    if (authorization === undefined) return UNAUTHORIZED;
    const methodArn = `arn:aws:execute-api:${spec.region}:${ACCOUNT}:${API_ID}/${spec.stage.name}/${method}${requestPath}`;
    const event =
      authorizer.type === "TOKEN"
        ? { type: "TOKEN", authorizationToken: authorization, methodArn }
        : {
            type: "REQUEST",
            methodArn,
            resource: route.path,
            path: requestPath,
            httpMethod: method,
            headers: { Authorization: authorization },
            requestContext: { accountId: ACCOUNT, apiId: API_ID, stage: spec.stage.name, resourcePath: route.path, httpMethod: method },
          };
    let result: unknown;
    try {
      result = await handler(event);
    } catch (e) {
      return e instanceof Error && e.message === "Unauthorized" ? UNAUTHORIZED : refuse(500, "AuthorizerConfigurationException", "Internal server error");
    }
    return policyAllows(result, methodArn) ? undefined : refuse(403, "AccessDeniedException", "User is not authorized to access this resource");
  }

  async function iamAuthorizer(roles: readonly string[], req: http.IncomingMessage, requestPath: string, body: string): Promise<Answer | undefined> {
    const authorization = header(req.headers, "authorization");
    if (authorization === undefined) return refuse(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/execute-api\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
        authorization,
      );
    if (m === null) return refuse(403, "IncompleteSignatureException", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders'");
    const [, accessKeyId, , region, signedHeaders, signature] = m;
    const principal = principals.get(accessKeyId);
    if (principal === undefined) return refuse(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    const date = amzDate(header(req.headers, "x-amz-date") ?? "");
    if (date === undefined || region !== spec.region) return refuse(403, "InvalidSignatureException", "Signature expired or wrong region");
    const signedOnly: Record<string, string> = {};
    for (const name of signedHeaders.split(";")) {
      const v = header(req.headers, name);
      if (v !== undefined) signedOnly[name] = v;
    }
    const url = new URL(req.url ?? "/", base);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const resigned = await new SignatureV4({
      service: "execute-api",
      region,
      credentials: {
        accessKeyId,
        secretAccessKey: principal.secretAccessKey,
        ...(principal.sessionToken !== undefined ? { sessionToken: principal.sessionToken } : {}),
      },
      sha256: Sha256,
    }).sign(
      { method: req.method ?? "GET", protocol: "http:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query, headers: signedOnly, body },
      { signingDate: date },
    );
    const expected = /Signature=([0-9a-f]{64})$/.exec(resigned.headers.authorization ?? "")?.[1];
    if (expected !== signature)
      return refuse(403, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
    const roleName = /:assumed-role\/([^/]+)\//.exec(principal.arn)?.[1];
    if (roleName === undefined || !roles.includes(roleName)) {
      return refuse(403, "AccessDeniedException", `User: ${principal.arn} is not authorized to perform: execute-api:Invoke on resource: ${requestPath}`);
    }
    return undefined;
  }

  async function stage(req: http.IncomingMessage, requestPath: string, body: string): Promise<Answer> {
    const method = req.method ?? "GET";
    const candidates = routes.filter((r) => routeCovers(r, { method, path: requestPath })).sort(compareRoutePrecedence);
    const route = candidates[0];
    if (route === undefined) return refuse(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    const auth = route.auth;
    let refusal: Answer | undefined;
    switch (auth.type) {
      case "NONE":
      case "EDGE":
      case "API_KEY":
        break;
      case "COGNITO":
        refusal = await cognitoAuthorizer(auth.scopes ?? [], header(req.headers, "authorization"));
        break;
      case "LAMBDA":
        refusal = await lambdaAuthorizer(auth.authorizer, route, method, requestPath, req.headers);
        break;
      case "AWS_IAM":
        refusal = await iamAuthorizer(
          [...(auth.groups ?? []).map((g) => groupRoleName(spec, g)), ...(auth.roles ?? []).map((r) => invokerRoleName(spec, r))],
          req,
          requestPath,
          body,
        );
        break;
    }
    if (refusal !== undefined) return refusal;
    const keyRequired = auth.type === "API_KEY" || ("usagePlan" in auth && auth.usagePlan !== undefined);
    if (keyRequired && !(options.apiKeys ?? []).includes(header(req.headers, "x-api-key") ?? "")) return refuse(403, "ForbiddenException", "Forbidden");
    const key = routeKey(route.method, route.path);
    backendCalls.push(key);
    return { status: 200, body: { reached: key } };
  }

  function tokenEndpoint(req: http.IncomingMessage, body: string): Answer {
    const basic = /^Basic (.+)$/.exec(header(req.headers, "authorization") ?? "");
    const [id, secret] = basic === null ? [] : Buffer.from(basic[1], "base64").toString("utf8").split(":");
    const client = spec.cognito.clients.find((c) => clientIds[c.name] === id);
    if (client === undefined || client.kind !== "machine" || clientSecrets[client.name] !== secret) return { status: 400, body: { error: "invalid_client" } };
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "client_credentials") return { status: 400, body: { error: "unsupported_grant_type" } };
    const asked = (form.get("scope") ?? "").split(" ").filter((s) => s !== "");
    const scopes = asked.length === 0 ? [...client.scopes] : asked;
    if (scopes.some((s) => !client.scopes.includes(s))) return { status: 400, body: { error: "invalid_scope" } };
    const now = Math.floor(Date.now() / 1000);
    const token = sign({
      sub: id,
      iss: issuer,
      client_id: id,
      token_use: "access",
      scope: scopes.join(" "),
      auth_time: now,
      iat: now,
      exp: now + 900,
      version: 2,
      jti: randomBytes(8).toString("hex"),
    });
    return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: 900 } };
  }

  /** STS's query API, in its XML: AssumeRole for the configured roles, GetCallerIdentity for known keys. */
  function sts(req: http.IncomingMessage, body: string): { status: number; xml: string } {
    const form = new URLSearchParams(body);
    const caller = /Credential=([^/]+)\//.exec(header(req.headers, "authorization") ?? "")?.[1];
    const known = caller !== undefined ? principals.get(caller) : undefined;
    const error = (code: string, message: string) => ({
      status: 403,
      xml: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    });
    if (known === undefined) return error("InvalidClientTokenId", "The security token included in the request is invalid.");
    if (form.get("Action") === "GetCallerIdentity") {
      return {
        status: 200,
        xml: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${known.arn}</Arn><UserId>AIDLOOPBACK</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      };
    }
    const roleArn = form.get("RoleArn") ?? "";
    if (form.get("Action") !== "AssumeRole" || !(options.assumableRoles ?? []).includes(roleArn))
      return error("AccessDenied", `not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
    const roleName = roleArn.split("/").pop() as string;
    const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/${form.get("RoleSessionName") ?? "s"}`;
    const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
    const secretAccessKey = randomBytes(20).toString("hex");
    const sessionToken = randomBytes(32).toString("base64");
    principals.set(accessKeyId, { secretAccessKey, sessionToken, arn });
    const expiration = new Date(Date.now() + 900_000).toISOString();
    return {
      status: 200,
      xml:
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId>` +
        `<SecretAccessKey>${secretAccessKey}</SecretAccessKey><SessionToken>${sessionToken}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
        `<AssumedRoleUser><Arn>${arn}</Arn><AssumedRoleId>AROALOOPBACK:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>` +
        `<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    };
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", base);
      if (url.pathname === `/${userPoolId}/.well-known/jwks.json`) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks));
        return;
      }
      if (url.pathname.startsWith("/sts")) {
        const answer = sts(req, body);
        res.writeHead(answer.status, { "content-type": "text/xml" }).end(answer.xml);
        return;
      }
      let answer: Answer;
      if (url.pathname === "/oauth2/token" && req.method === "POST") answer = tokenEndpoint(req, body);
      else if (url.pathname === stagePrefix || url.pathname.startsWith(`${stagePrefix}/`)) {
        const requestPath = url.pathname.slice(stagePrefix.length) || "/";
        calls.push({ method: req.method ?? "GET", path: requestPath, headers: req.headers });
        answer = await stage(req, requestPath, body);
      } else answer = refuse(403, "ForbiddenException", "Forbidden");
      res
        .writeHead(answer.status, { "content-type": "application/json", ...(answer.errorType !== undefined ? { "x-amzn-errortype": answer.errorType } : {}) })
        .end(req.method === "HEAD" ? undefined : JSON.stringify(answer.body));
    })().catch((e: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // One bundle, one loaded handler per authorizer, each with its own route table (as the stack deploys them); loaded
  // once the server listens, since the handler fetches the JWKS while it initializes.
  const code = spec.authorizers.length > 0 ? buildHandlerCode(path.resolve(__dirname, "..", "..", "lambdas", "authorizer", "index.ts")) : undefined;
  const tables = buildRouteTables(spec);
  for (const a of spec.authorizers) {
    authorizers.set(
      a.name,
      loadAuthorizer(code as Buffer, { USER_POOL_ID: userPoolId, CLIENT_IDS: JSON.stringify(clientIds) }, routeTableJson(tables[a.name]), jwksUrl),
    );
  }
  return {
    url: `${base}${stagePrefix}`,
    tokenUrl: `${base}/oauth2/token`,
    stsUrl: `${base}/sts`,
    userPoolId,
    issuer,
    clientIds,
    clientSecrets,
    calls,
    backendCalls,
    sign,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
