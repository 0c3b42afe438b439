// Interface VPC endpoints for execute-api: the entrances to PRIVATE REST APIs. Any such endpoint can send requests to
// every private API of the region (by its vpce DNS name and the API id; with private DNS, by the API's own name from
// anywhere in the VPC), so each is a door to each private API of its stack; the API's resource policy (its
// aws:SourceVpce conditions) then decides, on the route doors, who of them gets through. The endpoint's own policy
// says who inside the VPC may use it: none is full access; one that cannot be read is not verified.
import { parsePolicy } from "../../load/iam";
import { isUnknown, type Model, type PolicyStatement, type ResourceInstance, type RestApi } from "../../model";
import { known } from "../lookups";
import { toEveryone } from "../iam-statements";
import { matchesAction } from "../../../kernel/match/glob";
import { managed, referenced, textOf } from "./refs";
import { notVerified, type Principal } from "./types";

interface VpcEndpointEntrance {
  readonly kind: "vpc-endpoint";
  readonly id: string;
  readonly label: string;
  readonly principals: readonly Principal[];
  readonly notVerified?: string;
  readonly addresses: readonly string[];
}

/** An execute-api endpoint's service name, or undefined when it is another service's. */
function isExecuteApi(ep: ResourceInstance): boolean | "unknown" {
  const service = ep.values["service_name"];
  if (typeof service === "string") return /\.execute-api$/.test(service);
  return isUnknown(service) && (service.expression === undefined || service.expression.includes("execute-api")) ? "unknown" : false;
}

/** Whether an API is PRIVATE: true, false, or "unknown" when its endpoint types are known only after apply. */
function privateApi(api: RestApi): boolean | "unknown" {
  const types = api.endpointTypes;
  if (types === undefined) return false;
  if (!known(types)) return "unknown";
  if (types.includes("PRIVATE")) return true;
  return types.some((t) => !known(t)) ? "unknown" : false;
}

const invokes = (s: PolicyStatement): boolean => s.actions.some((a) => isUnknown(a) || matchesAction(a, "execute-api:Invoke"));

/**
 * The endpoint's policy: an `aws_vpc_endpoint_policy` naming it replaces its own attribute. Undefined when none is
 * written (a plan shows the provider's computed default as known after apply: AWS's full-access policy).
 */
function policyOf(model: Model, ep: ResourceInstance): { readonly value: unknown; readonly holder: ResourceInstance } | undefined {
  const separate = managed(model, "aws_vpc_endpoint_policy").find(
    (p) => p.source.stack === ep.source.stack && referenced(model, p, "vpc_endpoint_id", ["aws_vpc_endpoint"]).includes(ep),
  );
  if (separate !== undefined) return { value: separate.values["policy"], holder: separate };
  const raw = ep.values["policy"];
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (isUnknown(raw) && ep.written !== undefined && !ep.written.names.includes("policy")) return undefined;
  return { value: raw, holder: ep };
}

/** Who inside the VPC may send requests through the endpoint, by its policy. */
function endpointPrincipals(model: Model, ep: ResourceInstance, name: string): Principal[] {
  const inside = `inside VPC endpoint ${name}`;
  const policy = policyOf(model, ep);
  if (policy === undefined) return [{ kind: "restricted", text: `callers ${inside} (no endpoint policy: full access)` }];
  const parsed = parsePolicy(policy.value);
  if (isUnknown(parsed.document)) return [notVerified(`the policy of VPC endpoint ${name} ${parsed.parseError ?? "is known only after apply"}`)];
  const allows = parsed.document.statements.filter((s) => s.effect === "Allow" && (s.notActions.length > 0 || invokes(s)));
  if (allows.some((s) => s.notActions.length > 0 || s.notPrincipals.length > 0 || !known(s.effect)))
    return [notVerified(`the policy of VPC endpoint ${name} allows with NotAction or NotPrincipal`)];
  const out = allows.map((s): Principal => {
    const keys = [...new Set(s.conditions.map((c) => `${c.operator} ${c.key}`))];
    const onlyIf = keys.length > 0 ? ` when ${keys.join(", ")}` : "";
    if (toEveryone(s)) return { kind: "restricted", text: `any principal ${inside}${onlyIf}` };
    const ids = s.principals.flatMap((p) => p.ids.map((id) => `${p.type}:${textOf(id) ?? "(known after apply)"}`));
    return { kind: "restricted", text: `principals ${ids.join(", ")} ${inside}${onlyIf}` };
  });
  return out.length > 0 ? out : [{ kind: "nobody", text: `nobody (the policy of VPC endpoint ${name} allows no execute-api:Invoke)` }];
}

/** The execute-api VPC endpoints that are doors to a private REST API of their stack. */
export function vpcEndpointsOf(model: Model, api: RestApi): VpcEndpointEntrance[] {
  if ((api.protocol ?? "REST") !== "REST") return [];
  const isPrivate = privateApi(api);
  if (isPrivate === false) return [];
  const associated = new Set(referenced(model, api.resource, "endpoint_configuration", ["aws_vpc_endpoint"]).map((e) => e.address));
  const out: VpcEndpointEntrance[] = [];
  for (const ep of managed(model, "aws_vpc_endpoint")) {
    if (ep.source.stack !== api.resource.source.stack) continue;
    const execute = isExecuteApi(ep);
    if (execute === false) continue;
    const name = textOf(ep.values["id"]) ?? ep.address;
    const dns = ep.values["private_dns_enabled"];
    const how = [
      associated.has(ep.address) ? "associated with the API (vpc_endpoint_ids)" : undefined,
      dns === true ? "private DNS: the API's own name resolves to it in the VPC" : isUnknown(dns) ? "private DNS known only after apply" : undefined,
    ].filter((x): x is string => x !== undefined);
    const principals = endpointPrincipals(model, ep, name);
    const why = [
      execute === "unknown" ? "its service_name is known only after apply" : undefined,
      isPrivate === "unknown" ? "whether the API is PRIVATE is known only after apply" : undefined,
      ...principals.filter((p) => p.kind === "not-verified").map((p) => p.text),
    ].filter((x): x is string => x !== undefined);
    out.push({
      kind: "vpc-endpoint",
      id: `vpc-endpoint:${ep.address}`,
      label: `VPC endpoint ${name} (execute-api${how.length > 0 ? `; ${how.join("; ")}` : ""})`,
      principals,
      ...(why.length > 0 ? { notVerified: why.join("; ") } : {}),
      addresses: [
        ep.address,
        api.address,
        ...managed(model, "aws_vpc_endpoint_policy")
          .filter((p) => referenced(model, p, "vpc_endpoint_id", ["aws_vpc_endpoint"]).includes(ep))
          .map((p) => p.address),
      ],
    });
  }
  return out;
}
