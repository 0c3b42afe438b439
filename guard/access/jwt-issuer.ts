// Which user pool a JWT authorizer (HTTP API) trusts: its issuer must be exactly the pool's issuer URL,
// `https://cognito-idp.<region>.amazonaws.com/${pool.id}` or `https://${pool.endpoint}`. A reference to a pool
// inside any other URL is another issuer (whoever serves that host's JWKS mints the tokens): kept literal.
import { isUnknown, type Authorizer, type Model } from "../model";
import { targetOf, valueOf, type TargetRef } from "./targets";

const POOL = "aws_cognito_user_pool";
const COGNITO_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/([\w-]+)$/;

/** The issuer of a JWT authorizer as an identity: the pool of this configuration, or the literal issuer text. */
export function jwtIssuerTarget(model: Model, a: Authorizer): TargetRef {
  const stack = a.resource.source.stack;
  const issuer = a.jwtIssuer;
  if (issuer === undefined) return { label: "(no jwt_configuration issuer)", literal: "(no jwt_configuration issuer)", ambiguous: false };
  const v = valueOf(model, stack, issuer);
  const pool = v.refs.length === 1 && v.refs[0].type === POOL ? v.refs[0] : undefined;
  // cdk.tf.json keeps the template; a plan keeps only the bare reference (the host is not in plan JSON).
  const exact = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/\$\{\u00000\.id\}$|^https:\/\/\$\{\u00000\.endpoint\}$/.test(v.template);
  const bare = isUnknown(issuer) && /^\u00000\.(id|endpoint)$/.test(v.template);
  if (pool !== undefined && (exact || bare)) return pool;
  // A known issuer URL (an existing pool in a plan): the pool whose id it ends with.
  const id = typeof issuer === "string" ? COGNITO_ISSUER.exec(issuer)?.[1] : undefined;
  const byId = id === undefined ? undefined : model.userPools.find((p) => p.resource.source.stack === stack && p.resource.values["id"] === id);
  return byId !== undefined ? targetOf(model, byId.resource) : { label: v.display, literal: v.display, ambiguous: false };
}
