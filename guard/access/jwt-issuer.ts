// Which user pool a JWT authorizer (HTTP API) trusts, judged by what its issuer expression yields. API Gateway
// compares the issuer with the token's `iss`, which for Cognito is `https://cognito-idp.<region>.amazonaws.com/<id>`:
// `https://${pool.endpoint}` (or that URL with `${pool.id}`) is the pool's issuer; `${pool.endpoint}` alone has no
// scheme and `${pool.id}` alone is no URL, so they match none of its tokens; a reference to a pool inside any other
// URL is another issuer (whoever serves that host's JWKS mints the tokens): kept literal. A plan shows an expression
// only as its references (no template, no function), so a pool attribute known only after apply cannot be told from
// `https://${...}` around it: the pool is then a candidate, never a pass ("not verified", naming the expression).
import { isUnknown, type Authorizer, type Model } from "../model";
import { targetOf, valueOf, type TargetRef } from "./reference-identity";

const POOL = "aws_cognito_user_pool";
const COGNITO_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/([\w-]+)$/;
/** A pool's endpoint as a plan knows it for an existing pool: the issuer without its scheme. */
const COGNITO_ENDPOINT = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/([\w-]+)$/;

export type IssuerJudgement =
  /** Exactly the issuer of `target`, a pool of this configuration (or a literal issuer, which `target.literal` says). */
  | { readonly kind: "decided"; readonly target: TargetRef }
  /** Decided to be no pool's issuer although it names one: `why` says what the expression yields instead. */
  | { readonly kind: "not-the-issuer"; readonly target: TargetRef; readonly why: string }
  /** The input cannot show what the expression yields: `target` is the pool it references, a candidate. */
  | { readonly kind: "undecided"; readonly target: TargetRef; readonly expression: string };

/** What a JWT authorizer's issuer yields: the pool's issuer, something that names a pool but is not its issuer, or undecided. */
export function judgeJwtIssuer(model: Model, a: Authorizer): IssuerJudgement {
  const stack = a.resource.source.stack;
  const issuer = a.jwtIssuer;
  if (issuer === undefined)
    return { kind: "decided", target: { label: "(no jwt_configuration issuer)", literal: "(no jwt_configuration issuer)", ambiguous: false } };
  const v = valueOf(model, stack, issuer);
  const pool = v.refs.length === 1 && v.refs[0].type === POOL ? v.refs[0] : undefined;
  if (pool !== undefined) {
    // cdk.tf.json keeps the template, so what it yields is read from it.
    if (/^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/\$\{\u00000\.id\}$|^https:\/\/\$\{\u00000\.endpoint\}$/.test(v.template))
      return { kind: "decided", target: pool };
    const literal: TargetRef = { label: v.display, literal: v.display, ambiguous: false };
    if (v.template === "${\u00000.endpoint}")
      return {
        kind: "not-the-issuer",
        target: literal,
        why: `user pool ${pool.label}'s endpoint without https://, which is not the iss of its tokens (https://cognito-idp.<region>.amazonaws.com/<pool id>)`,
      };
    if (v.template === "${\u00000.id}")
      return {
        kind: "not-the-issuer",
        target: literal,
        why: `user pool ${pool.label}'s id, which is no issuer URL (its tokens' iss is https://cognito-idp.<region>.amazonaws.com/<pool id>)`,
      };
    // A plan keeps only the references of an expression known after apply: bare, interpolated or built by a function.
    if (isUnknown(issuer) && /^\u00000\.(id|endpoint)$/.test(v.template)) return { kind: "undecided", target: pool, expression: v.display };
    // A function of the reference (format(), join()) in cdk.tf.json: not evaluated here.
    if (/\$\{[^}]*\w\([^}]*\u00000\./.test(v.template)) return { kind: "undecided", target: pool, expression: v.display };
  }
  // A known issuer URL (an existing pool in a plan): the pool whose id it ends with.
  const text = typeof issuer === "string" ? issuer : undefined;
  const byId = (id: string | undefined) =>
    id === undefined ? undefined : model.userPools.find((p) => p.resource.source.stack === stack && p.resource.values["id"] === id);
  const exact = byId(text === undefined ? undefined : COGNITO_ISSUER.exec(text)?.[1]);
  if (exact !== undefined) return { kind: "decided", target: targetOf(model, exact.resource) };
  const schemeless = byId(text === undefined ? undefined : COGNITO_ENDPOINT.exec(text)?.[1]);
  const literal: TargetRef = { label: v.display, literal: v.display, ambiguous: false };
  if (schemeless !== undefined)
    return {
      kind: "not-the-issuer",
      target: literal,
      why: `user pool ${targetOf(model, schemeless.resource).label}'s endpoint without https://, which is not the iss of its tokens (https://${text})`,
    };
  return { kind: "decided", target: literal };
}

/** The issuer of a JWT authorizer as an identity: the pool of this configuration (or its candidate), or the literal issuer text. */
export const jwtIssuerTarget = (model: Model, a: Authorizer): TargetRef => judgeJwtIssuer(model, a).target;
