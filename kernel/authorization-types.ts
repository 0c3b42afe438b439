// The one table of authorization types: how the spec, the policy and API Gateway spell each one, how strong it is,
// what it needs, which policy keys it takes, how the review and the doors read it. The spec parser's words, the
// constructs' gateway values, the policy parser, the access model, the review, the drafter and the test matchers all
// read it; a new type is a row here plus the few files that give it meaning, which tsc names (docs/extending.md).
// Plain data with no import, so every layer (spec, constructs, lambdas, guard) may use it.

/** What a policy field does for a type: accepted, or refused with the message the parser reports. */
type Refused = { readonly refused: string };

/** Which keys of a policy route a type accepts and requires (guard/policy/parse.ts reads this, and nothing else). */
interface PolicyFields {
  /** The authorizer's name: `required`, `optional` (compared when given) or not allowed. */
  readonly authorizer: "required" | "optional" | "refused";
  /** `scopes`: accepted (what the gateway, the authorizer's route table or the edge verifier requires). */
  readonly scopes: boolean;
  /** `groups`: accepted, or refused with why. */
  readonly groups: true | Refused;
  /** `roles` (AWS_IAM role-name patterns). */
  readonly roles: boolean;
  /** `clients` (the edge verifier's accepted app clients). */
  readonly clients: boolean;
  /** `issuer` and `audience` (a JWT authorizer's configuration). */
  readonly jwt: boolean;
  /** `apiKey`: implied true by the type (`false` refused with `implied`'s message), optional, or `true` refused. */
  readonly apiKey: { readonly implied: string } | "optional" | Refused;
  /** `reason`: required (with what the message adds after the length), or optional. */
  readonly reason: { readonly required: string } | "optional";
}

/**
 * Who gets through a route of the type at the gateway (guard/access/doors/routes.ts says it for every door):
 * anyone past the endpoint, API key holders, the edge verifier's callers, token holders of a pool or an issuer, the
 * Lambda authorizer's callers, or IAM identities granted execute-api:Invoke.
 */
type Admits = "anyone" | "key-holders" | "edge" | "pool-tokens" | "issuer-tokens" | "authorizer" | "iam";

/**
 * What conformance calls a route of the type with (guard/conformance/requirement.ts): the gate of its credential
 * class, or why conformance has none (then the route is "not verified", never a pass).
 */
type ConformanceGate = { readonly gate: "open" | "iam" | "cognito" | "lambda" | "edge" } | { readonly gate: "unmodelled"; readonly why: string };

interface Row {
  /** The policy's word: the canonical name everywhere the project reports or compares types. */
  readonly type: string;
  /** The access spec's word (`auth.type`); undefined when a spec cannot ask for it (JWT: HTTP APIs are not built). */
  readonly specWord?: string;
  /** Other words the policy accepts for it, each with why. */
  readonly policyAliases: readonly { readonly word: string; readonly note: string }[];
  /** `aws_api_gateway_method.authorization` of a REST method of this type. */
  readonly restGateway: string;
  /** `aws_apigatewayv2_route.authorization_type` of an HTTP API route of this type; undefined when HTTP APIs have none. */
  readonly httpGateway?: string;
  /**
   * Strength, weakest first; equal ranks are different populations that nobody can order mechanically
   * (COGNITO and AWS_IAM; EDGE and CUSTOM). A change to a lower rank is a downgrade.
   */
  readonly rank: number;
  /** Anyone can call at the gateway (a key meters, it does not authenticate). */
  readonly open: boolean;
  /** The gateway needs an authorizer resource for it. */
  readonly needsAuthorizer: boolean;
  /** `type` of the authorizer resources that can decide a route of this type (`aws_api_gateway_authorizer`, v2's `authorizer_type`). */
  readonly authorizerTypes: readonly string[];
  /** How messages name its authorizer when it did not resolve ("its Cognito authorizer did not resolve"). */
  readonly authorizerWord?: string;
  /** The gateway itself compares `authorization_scopes` (COGNITO, JWT); elsewhere the gateway must have none. */
  readonly gatewayScopes: boolean;
  /**
   * The review's and the test matchers' word: JWT routes are read as COGNITO there (a JWT authorizer is token
   * checking like a Cognito one), every other type as itself.
   */
  readonly reviewWord: string;
  /** The review's title for the group of routes of this word (the authorization matrix); rows of another word: unused. */
  readonly reviewTitle: string;
  /**
   * Where the review lists the routes of this word, weakest first: the matrix's groups (after the open words comes
   * UNKNOWN, then the closed ones) and the table of docs/review.md. Rows of another word: their speaker's.
   */
  readonly reviewOrder: number;
  /** What a route of this word means in the review, as docs/review.md's table says it (`npm run docs`); rows of another word: unused. */
  readonly reviewMeaning: string;
  /**
   * Callers may present tokens of a Cognito user pool: the gateway's own authorizer trusts pools, or a function that
   * decides (a Lambda authorizer, the edge verifier) may be configured with one. The review weighs such routes when a
   * pool's clients or scopes change (guard/review/compare/cognito.ts). Rows of another word: their speaker's.
   */
  readonly poolTokens: boolean;
  /**
   * The cells of docs/migrations.md's gateway table where the gateway value alone does not say it (`npm run docs`):
   * by default the row's `restGateway`, and its `httpGateway` or `–`.
   */
  readonly gatewayCells?: { readonly rest?: string; readonly http?: string };
  readonly policy: PolicyFields;
  readonly admits: Admits;
  readonly conformance: ConformanceGate;
  readonly meaning: string;
}

const ROWS = [
  {
    type: "NONE",
    specWord: "NONE",
    policyAliases: [],
    restGateway: "NONE",
    httpGateway: "NONE",
    rank: 0,
    open: true,
    needsAuthorizer: false,
    authorizerTypes: [],
    gatewayScopes: false,
    reviewWord: "NONE",
    reviewTitle: "NONE: public",
    reviewOrder: 0,
    reviewMeaning: "Anyone can call.",
    poolTokens: false,
    policy: {
      authorizer: "refused",
      scopes: false,
      groups: { refused: "groups make no sense for NONE: nobody is signed in" },
      roles: false,
      clients: false,
      jwt: false,
      apiKey: { refused: "an API key with no other authorization is type API_KEY (with a metering reason)" },
      reason: { required: "" },
    },
    admits: "anyone",
    conformance: { gate: "open" },
    meaning: "anyone can call",
  },
  {
    type: "API_KEY",
    specWord: "API_KEY",
    policyAliases: [],
    restGateway: "NONE",
    rank: 1,
    open: true,
    needsAuthorizer: false,
    authorizerTypes: [],
    gatewayScopes: false,
    reviewWord: "API_KEY",
    reviewTitle: "API key only",
    reviewOrder: 1,
    reviewMeaning: "`NONE` plus `api_key_required`: a key meters traffic, it does not authenticate.",
    poolTokens: false,
    gatewayCells: { rest: "`NONE` with `api_key_required`" },
    policy: {
      authorizer: "refused",
      scopes: false,
      groups: { refused: "groups make no sense for API_KEY: nobody is signed in" },
      roles: false,
      clients: false,
      jwt: false,
      apiKey: { implied: "API_KEY always requires the key" },
      reason: { required: ": an API key meters, it does not authenticate" },
    },
    admits: "key-holders",
    conformance: { gate: "open" },
    meaning: "NONE plus api_key_required: a key meters traffic, it does not authenticate",
  },
  {
    type: "AWS_IAM",
    specWord: "AWS_IAM",
    policyAliases: [],
    restGateway: "AWS_IAM",
    httpGateway: "AWS_IAM",
    rank: 3,
    open: false,
    needsAuthorizer: false,
    authorizerTypes: [],
    gatewayScopes: false,
    reviewWord: "AWS_IAM",
    reviewTitle: "AWS_IAM",
    reviewOrder: 5,
    reviewMeaning: "SigV4; the review lists which roles' `execute-api:Invoke` grants cover the method.",
    poolTokens: false,
    policy: { authorizer: "refused", scopes: false, groups: true, roles: true, clients: false, jwt: false, apiKey: "optional", reason: "optional" },
    admits: "iam",
    conformance: { gate: "iam" },
    meaning: "SigV4 by IAM principals granted execute-api:Invoke",
  },
  {
    type: "COGNITO",
    specWord: "COGNITO",
    policyAliases: [],
    restGateway: "COGNITO_USER_POOLS",
    httpGateway: "JWT",
    rank: 3,
    open: false,
    needsAuthorizer: true,
    authorizerTypes: ["COGNITO_USER_POOLS"],
    authorizerWord: "Cognito",
    gatewayScopes: true,
    reviewWord: "COGNITO",
    reviewTitle: "COGNITO",
    reviewOrder: 4,
    reviewMeaning: "The Cognito authorizer; with scopes an access token carrying **any one** of them, without scopes any ID token of the pool.",
    poolTokens: true,
    gatewayCells: { http: "`JWT` (a JWT authorizer on the pool)" },
    policy: { authorizer: "required", scopes: true, groups: true, roles: false, clients: false, jwt: false, apiKey: "optional", reason: "optional" },
    admits: "pool-tokens",
    conformance: { gate: "cognito" },
    meaning: "tokens of a Cognito user pool (access tokens with a scope, or ID tokens without scopes)",
  },
  {
    type: "CUSTOM",
    specWord: "LAMBDA",
    policyAliases: [{ word: "LAMBDA", note: "the access spec's word for a Lambda authorizer; CUSTOM is API Gateway's and the policy's" }],
    restGateway: "CUSTOM",
    httpGateway: "CUSTOM",
    rank: 2,
    open: false,
    needsAuthorizer: true,
    authorizerTypes: ["TOKEN", "REQUEST"],
    authorizerWord: "Lambda",
    gatewayScopes: false,
    reviewWord: "CUSTOM",
    reviewTitle: "CUSTOM: Lambda authorizer",
    reviewOrder: 3,
    reviewMeaning: "A Lambda authorizer, with the groups, scopes, token use and clients its bundled route table requires.",
    poolTokens: true,
    policy: { authorizer: "required", scopes: true, groups: true, roles: false, clients: false, jwt: false, apiKey: "optional", reason: "optional" },
    admits: "authorizer",
    conformance: { gate: "lambda" },
    meaning: "a Lambda authorizer decides",
  },
  {
    type: "EDGE",
    specWord: "EDGE",
    policyAliases: [],
    restGateway: "NONE",
    rank: 2,
    open: false,
    needsAuthorizer: false,
    authorizerTypes: [],
    gatewayScopes: false,
    reviewWord: "EDGE",
    reviewTitle: "EDGE: CloudFront only",
    reviewOrder: 2,
    reviewMeaning:
      "`NONE` at the gateway, but every stage of the API has a web ACL that blocks by default and only admits requests carrying CloudFront's secret header (exact match, no other ALLOW rule), and every CloudFront distribution with the API as origin runs the Lambda@Edge verifier on viewer-request: callers are authenticated at the edge. The same definition as the policy rules' (`guard/access/origin.ts`); without the verifier such a route is `NONE`. When the verifier's package is on disk (cdktf.out), its bundled `edge-config.json` says what it requires for the route, resolved as the verifier does (`guard/access/edge-config.ts`): the route's scopes (else its longest path prefix's; none = any valid token) and clients (else the config-wide ones; none = every configured client), shown as `EDGE (CloudFront only; scopes: petstore/read)`. A route the config marks `gateway` (passed on untouched) is not authenticated at the edge: it shows as `NONE` (or `API_KEY`) with *the edge verifier passes it on*.",
    poolTokens: true,
    gatewayCells: { rest: "`NONE` behind CloudFront's verifier" },
    policy: {
      authorizer: "refused",
      scopes: true,
      groups: { refused: "the edge verifier checks scopes and clients, not groups" },
      roles: false,
      clients: true,
      jwt: false,
      apiKey: { refused: "EDGE routes are NONE with no API key at the gateway" },
      reason: "optional",
    },
    admits: "edge",
    conformance: { gate: "edge" },
    meaning: "NONE at the gateway, but the stage admits only CloudFront, whose Lambda@Edge verifier authenticates",
  },
  {
    type: "JWT",
    policyAliases: [],
    restGateway: "JWT",
    httpGateway: "JWT",
    rank: 3,
    open: false,
    needsAuthorizer: true,
    authorizerTypes: ["JWT"],
    // An HTTP API's JWT authorizer is the one a Cognito route of an HTTP API has: messages have always said so.
    authorizerWord: "Cognito",
    gatewayScopes: true,
    reviewWord: "COGNITO",
    reviewTitle: "COGNITO",
    reviewOrder: 4,
    reviewMeaning: "Read as `COGNITO`: a JWT authorizer checks tokens as a Cognito one does.",
    poolTokens: true,
    // REST APIs have no JWT authorization: a policy's JWT route matches no REST method.
    gatewayCells: { rest: "–" },
    policy: { authorizer: "optional", scopes: true, groups: true, roles: false, clients: false, jwt: true, apiKey: "optional", reason: "optional" },
    admits: "issuer-tokens",
    conformance: { gate: "unmodelled", why: "conformance does not model JWT authorizers (HTTP APIs)" },
    meaning: "an HTTP API's JWT authorizer: tokens of its issuer for its audience",
  },
] as const satisfies readonly Row[];

/** The policy's word for a type: the canonical name everywhere the project reports or compares types. */
export type AuthorizationType = (typeof ROWS)[number]["type"];

/** The review's (and the test matchers') word for a type: the types' own words, JWT read as COGNITO. */
export type ReviewWord = (typeof ROWS)[number]["reviewWord"];

/** A type that API Gateway tells by a value of its own (not NONE with conditions): AWS_IAM, COGNITO, CUSTOM, JWT. */
export type GatewayClosedType = Exclude<(typeof ROWS)[number], { readonly restGateway: "NONE" }>["type"];

export interface AuthorizationTypeRow extends Omit<Row, "type" | "reviewWord"> {
  readonly type: AuthorizationType;
  readonly reviewWord: ReviewWord;
}

/** In the order the policy has always listed them (its messages name them in this order). */
export const AUTHORIZATION_TYPES: readonly AuthorizationTypeRow[] = ROWS;

const BY_TYPE = new Map(AUTHORIZATION_TYPES.map((row) => [row.type, row]));

/** The row of a type (every AuthorizationType has one). */
export function authorizationType(type: AuthorizationType): AuthorizationTypeRow {
  const row = BY_TYPE.get(type);
  if (row === undefined) throw new Error(`no authorization type row for ${type}`);
  return row;
}

/** Every type in the policy's words, in table order. */
export const AUTHORIZATION_TYPE_NAMES: readonly AuthorizationType[] = AUTHORIZATION_TYPES.map((row) => row.type);

/** A policy word (canonical or alias) to its type; undefined when it is neither. */
export function policyWordType(word: string): AuthorizationType | undefined {
  if (BY_TYPE.has(word as AuthorizationType)) return word as AuthorizationType;
  return AUTHORIZATION_TYPES.find((row) => row.policyAliases.some((a) => a.word === word))?.type;
}

/** Every alias the policy accepts, with its type, for messages ("LAMBDA = CUSTOM"). */
export const POLICY_ALIASES: readonly { readonly word: string; readonly type: AuthorizationType }[] = AUTHORIZATION_TYPES.flatMap((row) =>
  row.policyAliases.map((a) => ({ word: a.word, type: row.type })),
);

/**
 * The types whose policy fields pass `accepts`, as messages and docs list them: `COGNITO, CUSTOM, EDGE and JWT`
 * (`or` for a list of exclusions: `not for NONE, API_KEY or EDGE`).
 */
export function typesWith(accepts: (fields: AuthorizationTypeRow["policy"]) => boolean, conjunction: "and" | "or" = "and"): string {
  const names = AUTHORIZATION_TYPES.filter((row) => accepts(row.policy)).map((row) => row.type);
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} ${conjunction} ${names[names.length - 1]}`;
}

/** The type an access spec's `auth.type` word asks for. */
export function specWordType(word: string): AuthorizationType | undefined {
  return AUTHORIZATION_TYPES.find((row) => row.specWord === word)?.type;
}

/**
 * The type API Gateway's own value `value` names (REST first, then HTTP API: `JWT` is the JWT type on both);
 * undefined for NONE (which type it is depends on the key and the edge) and for a value no row has.
 */
export function typeAtGateway(value: string): GatewayClosedType | undefined {
  const closed = AUTHORIZATION_TYPES.filter((row) => row.restGateway !== "NONE");
  const row = closed.find((r) => r.restGateway === value) ?? closed.find((r) => r.httpGateway === value);
  return row?.type as GatewayClosedType | undefined;
}

/** The row that speaks for a review word: the first with it (COGNITO's for COGNITO, not JWT's). */
export function reviewRow(word: ReviewWord): AuthorizationTypeRow {
  const row = AUTHORIZATION_TYPES.find((r) => r.reviewWord === word);
  if (row === undefined) throw new Error(`no authorization type row for review word ${word}`);
  return row;
}

/** Every review word once, in the order the review lists them (`reviewOrder`, weakest first). */
export const REVIEW_WORDS: readonly ReviewWord[] = [...new Set(AUTHORIZATION_TYPES.map((row) => row.reviewWord))].sort(
  (a, b) => reviewRow(a).reviewOrder - reviewRow(b).reviewOrder,
);
