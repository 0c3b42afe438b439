// Cache-safe policies: API Gateway caches one policy per identity and reuses it on every route behind the
// same authorizer, so the policy lists every route the principal may call (Allow) and explicitly denies the
// routes an Allow glob would otherwise reach, plus the concrete method just refused.
import type { RouteRequirement } from "../../kernel/contracts/route-table";
import { routeArnSuffix } from "../../kernel/match/route";
import { globMatches, globOverlapsRoute } from "./routes";

interface PolicyStatement {
  readonly Action: "execute-api:Invoke";
  readonly Effect: "Allow" | "Deny";
  readonly Resource: readonly string[];
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

interface PolicyShape {
  /** `VERB/path` globs, without the ARN prefix. */
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  /** Some needed Deny glob also reaches an allowed route: those calls get 403 (fails closed, logged). */
  readonly conflict: boolean;
}

/**
 * Which globs to allow and deny for one set of allowed routes. A denied route needs an explicit Deny only
 * when some Allow glob can reach it (`*` crosses `/`); otherwise the implicit deny already holds and a Deny
 * glob could only shadow allowed routes.
 */
function policyShape(routes: readonly RouteRequirement[], allowed: readonly boolean[]): PolicyShape {
  const allow: string[] = [];
  routes.forEach((r, i) => {
    if (allowed[i]) allow.push(routeArnSuffix(r.method, r.path));
  });
  // A glob without wildcards is one concrete request, which API Gateway routes to its own (fully literal,
  // hence most specific) route: it cannot reach a denied `{param}` sibling such as `/pets/{petId}`.
  const reaching = allow.filter((g) => g.includes("*"));
  const deny: string[] = [];
  routes.forEach((r, i) => {
    if (allowed[i]) return;
    if (reaching.some((g) => globOverlapsRoute(g, r.method, r.path))) deny.push(routeArnSuffix(r.method, r.path));
    // `*` also matches the empty string, so `GET/pets/*` reaches `GET/pets/`: should API Gateway route a
    // trailing slash to the literal `/pets`, a cached policy must not open it. (A glob ending in `*` covers it.)
    const slashed = r.path === "/" ? null : `${r.path}/`;
    if (slashed !== null && !routeArnSuffix(r.method, r.path).endsWith("*") && reaching.some((g) => globOverlapsRoute(g, r.method, slashed))) {
      deny.push(routeArnSuffix(r.method, slashed));
    }
  });
  const conflict = deny.some((g) => routes.some((r, i) => allowed[i] && globOverlapsRoute(g, r.method, r.path)));
  return { allow: dedupe(allow), deny: dedupe(deny), conflict };
}

export const maskKey = (allowed: readonly boolean[]): string => allowed.map((a) => (a ? "1" : "0")).join("");

const dedupe = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

/** Memoized policy construction per ARN prefix and allowed-route mask (a handful of shapes per API). */
export class PolicyBuilder {
  private readonly shapes = new Map<string, PolicyShape>();

  constructor(private readonly routes: readonly RouteRequirement[]) {}

  /** @param key the mask as "0"/"1" characters, when the caller has it already */
  shape(allowed: readonly boolean[], key: string = maskKey(allowed)): PolicyShape {
    let shape = this.shapes.get(key);
    if (!shape) {
      shape = policyShape(this.routes, allowed);
      this.shapes.set(key, shape);
    }
    return shape;
  }

  /** Does a needed Deny glob cover this concrete call (`GET/pets/1`)? Only evaluated when the shape has a conflict. */
  deniesByGlob(allowed: readonly boolean[], verbAndPath: string, key?: string): boolean {
    const shape = this.shape(allowed, key);
    return shape.conflict && shape.deny.some((g) => globMatches(g, verbAndPath));
  }

  /**
   * @param prefix `arn:aws:execute-api:{region}:{acct}:{apiId}/{stage}/`
   * @param refusedMethodArn the current method ARN when it is refused: denied explicitly (403 "explicit deny")
   */
  build(prefix: string, allowed: readonly boolean[], refusedMethodArn: string | null): PolicyDocument {
    const shape = this.shape(allowed);
    const statements: PolicyStatement[] = [];
    if (shape.allow.length > 0) {
      statements.push({ Action: "execute-api:Invoke", Effect: "Allow", Resource: shape.allow.map((g) => prefix + g) });
    }
    const deny = shape.deny.map((g) => prefix + g);
    // The concrete ARN has no wildcard, so denying it never shadows another route.
    if (refusedMethodArn !== null && !deny.includes(refusedMethodArn)) deny.push(refusedMethodArn);
    if (deny.length > 0) statements.push({ Action: "execute-api:Invoke", Effect: "Deny", Resource: deny });
    return { Version: "2012-10-17", Statement: statements };
  }
}
