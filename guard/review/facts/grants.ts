// execute-api:Invoke grants by holder, as normalized resource patterns, and the method ARN targets of a route. Pure: a Model in, plain data out.
import { isUnknown, type IamPolicy, type Model, type PolicyStatement, type Route, type Val, stackOf } from "../../model";
import { matchesAction } from "../../../kernel/match/glob";
import { arnPath, arnVerb } from "../../../kernel/match/route";
import { apiLabeller, referenceNormalizer, valueText } from "./labels";

// ---- execute-api:Invoke grants ----

export interface Grant {
  /** Who holds it: `role petstore-dev-admins`, `resource policy principal AWS:*`. */
  readonly principal: string;
  /** Normalized resource patterns: `execute-api:<api label>/<stage>/<VERB>/<path>` (globs kept). */
  readonly patterns: readonly string[];
  /**
   * Policies known only after apply whose text cannot be read as a document (a plan's bare reference): they
   * may or may not grant Invoke. Compared by their normalized expression.
   */
  readonly unverifiable: readonly string[];
  readonly addresses: readonly string[];
}

const grantsInvoke = (s: PolicyStatement): boolean =>
  s.effect === "Allow" && s.actions.some((a) => typeof a === "string" && matchesAction(a, "execute-api:Invoke"));

function arnNormalizer(model: Model, label: ReturnType<typeof apiLabeller>): (stack: string, v: Val<string>) => string {
  const references = referenceNormalizer(model);
  const byId = new Map<string, string>();
  const byAddress = new Map<string, string>();
  for (const api of model.apis) {
    const l = label(stackOf(api), api.address, api.name);
    const id = api.resource.values["id"];
    if (typeof id === "string" && id !== "") byId.set(`${stackOf(api)}::${id}`, l);
    byAddress.set(`${stackOf(api)}::${api.address}`, l);
  }
  const byResource = new Map(model.resources.map((r) => [`${r.source.stack}::${r.address}`, r]));
  return (stack, v) => {
    let s = typeof v === "string" ? v : (v.expression ?? "(known after apply)");
    s = s.replace(/\$\{([^}]*?)\.([a-z_]+)\}/g, (whole, addr: string, attr: string) => {
      if (attr === "execution_arn" || attr === "id") {
        const l = byAddress.get(`${stack}::${addr}`);
        if (l !== undefined) return `arn:aws:execute-api:*:*:${l}`;
      }
      // `${aws_api_gateway_stage.x.stage_name}` and the like: the literal value when the configuration has it.
      const value = byResource.get(`${stack}::${addr}`)?.values[attr];
      return typeof value === "string" ? value : whole;
    });
    s = references(stack, s);
    const m = /^arn:aws[a-z-]*:execute-api:[^:]*:[^:]*:([^/]*)(.*)$/.exec(s);
    if (m === null) return s;
    return `execute-api:${byId.get(`${stack}::${m[1]}`) ?? m[1]}${m[2]}`;
  };
}

export function grantFacts(model: Model, label: ReturnType<typeof apiLabeller>): Grant[] {
  const normalize = arnNormalizer(model, label);
  const roleName = (stack: string, address: string): string => {
    const role = model.iamRoles.find((r) => r.address === address && stackOf(r) === stack);
    return role === undefined ? address : valueText(role.name);
  };
  const byPrincipal = new Map<string, { patterns: Set<string>; unverifiable: Set<string>; addresses: Set<string> }>();
  const entry = (principal: string, address: string) => {
    const g = byPrincipal.get(principal) ?? { patterns: new Set<string>(), unverifiable: new Set<string>(), addresses: new Set<string>() };
    g.addresses.add(address);
    byPrincipal.set(principal, g);
    return g;
  };
  for (const p of model.iamPolicies) {
    if (p.kind === "role-trust") continue;
    const stack = stackOf(p);
    if (isUnknown(p.document)) {
      const expression = p.document.expression;
      const text = normalize(stack, expression ?? "(known after apply)");
      const holders = holdersOf(p.kind, p.roleAddresses, stack, roleName, undefined);
      if (expression !== undefined && expression.includes("Statement")) {
        // A readable template (`${jsonencode({...})}`): it grants Invoke only if it mentions execute-api or a
        // bare "*" action; then it is compared as one pattern, by its text.
        if (/execute-api|"\*"/.test(expression)) for (const h of holders) entry(h, p.address).patterns.add(`(policy known after apply: ${text})`);
      } else for (const h of holders) entry(h, p.address).unverifiable.add(text);
      continue;
    }
    // A resource policy's `execute-api:/stage/VERB/path` shorthand names the API it is attached to.
    const own = p.kind === "api-resource-policy" ? resourcePolicyApi(model, p) : undefined;
    const expand = (r: Val<string>): Val<string> =>
      own !== undefined && typeof r === "string" && r.startsWith("execute-api:/") ? `\${${own}.execution_arn}/${r.slice("execute-api:/".length)}` : r;
    for (const s of p.document.statements.filter(grantsInvoke)) {
      const resources = s.resources.length > 0 ? s.resources : s.notResources.length > 0 ? ["*"] : [];
      for (const holder of holdersOf(p.kind, p.roleAddresses, stack, roleName, s)) {
        for (const r of resources) entry(holder, p.address).patterns.add(normalize(stack, expand(r)));
      }
    }
  }
  return [...byPrincipal.entries()]
    .map(([principal, g]) => ({ principal, patterns: [...g.patterns].sort(), unverifiable: [...g.unverifiable].sort(), addresses: [...g.addresses].sort() }))
    .filter((g) => g.patterns.length > 0 || g.unverifiable.length > 0)
    .sort((a, b) => a.principal.localeCompare(b.principal));
}

/** The API a resource policy is attached to: its own `policy` / body, or an aws_api_gateway_rest_api_policy's rest_api_id. */
function resourcePolicyApi(model: Model, p: IamPolicy): string | undefined {
  if (p.resource.type === "aws_api_gateway_rest_api") return p.resource.address;
  const refs = p.resource.references["rest_api_id"] ?? [];
  return model.apis.find((a) => stackOf(a) === stackOf(p) && refs.includes(`${a.address}.id`))?.address;
}

function holdersOf(
  kind: string,
  roles: readonly string[],
  stack: string,
  roleName: (stack: string, address: string) => string,
  s: PolicyStatement | undefined,
): string[] {
  if (kind === "api-resource-policy") {
    const principals = s?.principals ?? [];
    if (principals.length === 0) return ["resource policy (no principal)"];
    return principals.flatMap((p) => p.ids.map((id) => `resource policy principal ${p.type}:${valueText(id)}`));
  }
  return roles.length === 0 ? ["(policy attached to no known role)"] : roles.map((r) => `role ${roleName(stack, r)}`);
}

/** The method ARN targets of a route (one per stage of its API), normalized like grant patterns. */
export function methodTargets(model: Model, route: Route, api: string): string[] {
  const verb = typeof route.httpMethod === "string" ? arnVerb(route.httpMethod) : valueText(route.httpMethod);
  // `$default` / `$connect` (path ""): their method ARN ends with the key.
  const path = typeof route.path === "string" ? (route.path === "" ? "" : arnPath(route.path)) : "*";
  const stages = model.stages.filter((s) => s.apiAddress === route.apiAddress && stackOf(s) === stackOf(route));
  const names = stages.length > 0 ? stages.map((s) => valueText(s.name)) : ["*"];
  return names.map((stage) => `execute-api:${api}/${stage}/${verb}${path}`);
}
