// The one table of authorization types: how the spec, the policy and API Gateway spell each one, how strong it is,
// and what it needs. The spec parser's words, the constructs' gateway values, the policy parser, the access model,
// the review's ranking and the drafter all read it; a new type is a row here plus the files that give it meaning.
// Plain data with no import, so every layer (spec, constructs, lambdas, guard) may use it.

/** The policy's word for a type: the canonical name everywhere the project reports or compares types. */
export type AuthorizationType = "NONE" | "API_KEY" | "AWS_IAM" | "COGNITO" | "CUSTOM" | "EDGE" | "JWT";

export interface AuthorizationTypeRow {
  readonly type: AuthorizationType;
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
  readonly meaning: string;
}

/** In the order the policy has always listed them (its messages name them in this order). */
export const AUTHORIZATION_TYPES: readonly AuthorizationTypeRow[] = [
  {
    type: "NONE",
    specWord: "NONE",
    policyAliases: [],
    restGateway: "NONE",
    httpGateway: "NONE",
    rank: 0,
    open: true,
    needsAuthorizer: false,
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
    meaning: "an HTTP API's JWT authorizer: tokens of its issuer for its audience",
  },
];

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

/** The type an access spec's `auth.type` word asks for. */
export function specWordType(word: string): AuthorizationType | undefined {
  return AUTHORIZATION_TYPES.find((row) => row.specWord === word)?.type;
}
