// The issuer and audience of a JWT authorizer (jwt_configuration of aws_apigatewayv2_authorizer) where a plan
// shows them known only after apply. Pure.
import { isUnknown, unknownValue, type ResourceInstance, type Val } from "../../../model";
import { parseAddress } from "../../address";
import { referencedTargets } from "../../expressions";
import { strList } from "../../values";

// A reference to one attribute of a resource, in a module or not: `module.c.aws_cognito_user_pool_client.app.id`.
const ATTRIBUTE_REF = /^(module\.[\w-]+(\[[^\]]*\])?\.)*[a-z0-9_]+\.[\w-]+(\[[^\]]*\])?\.[a-z_]+$/;

/**
 * A JWT audience. A plan marks a list of references unknown as a whole and keeps only its first reference as the
 * expression: every reference of the block outside the issuer is an entry then, so a second client added beside
 * the first is never hidden behind it.
 */
export function audienceOf(v: unknown, issuer: unknown, blockRefs: readonly string[]): Val<readonly Val<string>[]> {
  if (!isUnknown(v) || (v.expression ?? "").includes("${")) return strList(v);
  const issuerText = isUnknown(issuer) ? (issuer.expression ?? "") : typeof issuer === "string" ? issuer : "";
  const entries = [...new Set(blockRefs.filter((x) => ATTRIBUTE_REF.test(x) && !issuerText.includes(x)))];
  return entries.length > 0 ? entries.map((x) => unknownValue(x)) : v;
}

interface DynamicIssuer {
  readonly jwtIssuer: Val<string>;
  readonly jwtIssuerFromDynamicBlock: true;
}

/**
 * A JWT issuer known only after apply and written in a `dynamic` jwt_configuration block (terraform-aws-modules
 * passes authorizers as a map): plan JSON shows no expression for it, only what the resource's for_each iterates
 * over. When that names exactly one user pool (or one resource at all), the issuer is marked as that candidate,
 * never as verified.
 */
export function dynamicIssuer(r: ResourceInstance, issuer: unknown): DynamicIssuer | undefined {
  const dynamic = r.written !== undefined && !r.written.names.includes("jwt_configuration");
  if (!dynamic || !isUnknown(issuer) || issuer.expression !== undefined) return undefined;
  const targets = referencedTargets(r.forEachReferences ?? []);
  const pools = targets.filter((t) => parseAddress(t)?.type === "aws_cognito_user_pool");
  const candidate = pools.length === 1 ? pools[0] : targets.length === 1 ? targets[0] : undefined;
  return candidate === undefined ? undefined : { jwtIssuer: unknownValue(candidate), jwtIssuerFromDynamicBlock: true };
}
