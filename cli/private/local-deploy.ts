// `npm run deploy:local` decided purely from the stack JSON: which endpoint is allowed (loopback only), the
// override that points every AWS provider configuration at it, which resources are applied (what the local
// endpoint does not serve is left out, with the reason, together with everything that references it), and the
// local invoke URLs. The processes (moto_server, terraform) are cli/private/moto.ts and local-terraform.ts.
import { OFFLINE_PROVIDER_SETTINGS } from "./terraform";

/** The override file beside the synthesized stack while a local apply runs (removed afterwards). */
export const LOCAL_OVERRIDE_FILE = "zz_local_endpoint_override.tf.json";
export const LOCAL_VARS_FILE = "zz_local.auto.tfvars.json";
/** Where `--endpoint` runs keep state, under the working directory: outside cdktf.out, which each synth replaces. */
export const LOCAL_STATE_DIR = ".deploy-local";
/** Terraform's working data for local runs, apart from `npm run plan`'s `.terraform` (another backend). */
export const LOCAL_DATA_DIR = ".terraform-local-endpoint";

/**
 * Provider endpoint keys pointed at the local endpoint, by resource type prefix. A stack holding a type no entry
 * covers is refused: its calls would go to the real AWS endpoint.
 */
const SERVICE_BY_TYPE_PREFIX: readonly (readonly [prefix: string, service: string])[] = [
  ["aws_api_gateway_", "apigateway"],
  ["aws_apigatewayv2_", "apigatewayv2"],
  ["aws_cognito_identity_pool", "cognitoidentity"],
  ["aws_cognito_", "cognitoidp"],
  ["aws_iam_", "iam"],
  ["aws_lambda_", "lambda"],
  ["aws_wafv2_", "wafv2"],
  ["aws_cloudwatch_log_", "logs"],
  ["aws_ssm_", "ssm"],
  ["aws_cloudfront_", "cloudfront"],
  ["aws_s3_", "s3"],
  ["aws_kms_", "kms"],
  ["aws_acm_", "acm"],
  ["aws_secretsmanager_", "secretsmanager"],
];

/**
 * Every endpoint key the override sets: the services above, STS (the provider asks it who the caller is),
 * `cloudwatchlogs` (the provider's other name for `logs`) and CloudWatch.
 */
export const LOCAL_ENDPOINT_SERVICES: readonly string[] = [
  ...new Set([...SERVICE_BY_TYPE_PREFIX.map(([, s]) => s), "sts", "cloudwatchlogs", "cloudwatch"]),
].sort();

/** The endpoint service of a resource type; undefined when none is known (the stack is then refused). */
export function serviceOf(resourceType: string): string | undefined {
  return SERVICE_BY_TYPE_PREFIX.find(([prefix]) => resourceType.startsWith(prefix))?.[1];
}

/** Resource types moto 5.2 does not serve, with what happens when one is applied. */
export const NOT_SERVED_BY_MOTO: Readonly<Record<string, string>> = {
  aws_cloudfront_cache_policy: "moto 5.2 has no CloudFront cache policy API (CreateCachePolicy answers 404)",
};

/**
 * How a local destroy handles a type moto cannot destroy the way the provider asks: `delete-directly` deletes it with
 * one call to the local endpoint, `goes-with-parent` relies on deleting its parent (moto drops it with the parent);
 * either way it is removed from state first and `terraform destroy` does the rest.
 */
type DestroyHandling = "delete-directly" | "goes-with-parent";

export interface DestroyWorkaround {
  readonly reason: string;
  readonly handling: DestroyHandling;
}

/** Resource types moto 5.2 serves but cannot destroy through the provider. */
export const NOT_DESTROYED_BY_MOTO: Readonly<Record<string, DestroyWorkaround>> = {
  aws_api_gateway_usage_plan: {
    reason:
      "moto 5.2's UpdateUsagePlan answers 500 to removing an API stage that carries method throttles (it compares the stage without its throttle), which the provider does before DeleteUsagePlan and retries for minutes",
    handling: "delete-directly",
  },
  aws_cognito_resource_server: {
    reason: "moto 5.2 does not implement DeleteResourceServer (500, retried for minutes); deleting the user pool drops it",
    handling: "goes-with-parent",
  },
};

/** One resource a local destroy takes out of terraform's hands, and what the direct call needs. */
export interface DestroyStep {
  readonly address: string;
  readonly type: string;
  readonly handling: DestroyHandling;
  /** For `delete-directly`: the id and the region read from the ARN. */
  readonly id?: string;
  readonly region?: string;
}

/**
 * The resources of `terraform show -json` (state) whose type is in `table`. One to delete directly without an id or
 * a regional ARN is an error: it would be left behind.
 */
export function destroySteps(shownState: unknown, table: Readonly<Record<string, DestroyWorkaround>>): DestroyStep[] {
  const resources = asObject(objectField(objectField(shownState, "values"), "root_module")).resources;
  const list = Array.isArray(resources) ? resources.map(asObject) : [];
  return list
    .filter((r) => r.mode === "managed" && typeof r.type === "string" && table[r.type] !== undefined)
    .map((r) => {
      const type = String(r.type);
      const address = String(r.address);
      const handling = table[type].handling;
      if (handling === "goes-with-parent") return { address, type, handling };
      const values = asObject(r.values);
      const region = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):/.exec(String(values.arn ?? ""))?.[1];
      if (typeof values.id !== "string" || region === undefined) throw new Error(`${address}: no id or regional ARN in the state to delete it by`);
      return { address, type, handling, id: values.id, region };
    });
}

/** An endpoint URL is local only when it is http(s) on a loopback address; anything else, or no URL, is not. */
export function isLoopbackEndpoint(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  if (parsed.username !== "" || parsed.password !== "") return false;
  const host = parsed.hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]") return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && Number(v4[1]) === 127 && v4.slice(2).every((o) => Number(o) <= 255);
}

/**
 * A stack's state file for one endpoint, under `stateRoot`: one directory per endpoint (`127.0.0.1-5000`), so the
 * states of two local servers never mix.
 */
export function localStatePath(stateRoot: string, endpoint: string, stack: string): string {
  const { hostname, port } = new URL(endpoint);
  return `${stateRoot}/${hostname.replace(/[^A-Za-z0-9.]/g, "_")}-${port === "" ? "80" : port}/${stack}.tfstate`;
}

/** The endpoint as the provider takes it: no trailing slash, no path. */
function endpointBase(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {});
const objectField = (value: unknown, key: string): Json => asObject(asObject(value)[key]);

function awsProviders(stackJson: unknown): Json[] {
  const aws = objectField(stackJson, "provider").aws;
  const list = Array.isArray(aws) ? aws : aws !== undefined ? [aws] : [];
  return list.filter((p): p is Json => typeof p === "object" && p !== null);
}

/**
 * The override for one stack: every `aws` provider configuration (default and aliases) gets placeholder
 * credentials, the skip flags, path-style S3 and every endpoint pointed at `endpoint`; the backend becomes a local
 * state file at `statePath`. Throws when `endpoint` is not loopback (callers check first and say so; this is the last
 * guard).
 */
export function localEndpointOverride(stackJson: unknown, endpoint: string, statePath: string): Json {
  if (!isLoopbackEndpoint(endpoint)) throw new Error(`refusing a non-loopback endpoint: ${endpoint}`);
  const base = endpointBase(endpoint);
  const endpoints = Object.fromEntries(LOCAL_ENDPOINT_SERVICES.map((s) => [s, base]));
  const providers = awsProviders(stackJson);
  return {
    provider: {
      aws: (providers.length > 0 ? providers : [{}]).map((p) => ({
        ...(typeof p.alias === "string" ? { alias: p.alias } : {}),
        ...OFFLINE_PROVIDER_SETTINGS,
        access_key: "local-endpoint-placeholder",
        secret_key: "local-endpoint-placeholder",
        // The local endpoint answers STS: ARNs built from the account (execution_arn, grants on it) carry it as they
        // do on AWS, so what is read back from the endpoint (npm run audit) links grants to APIs as on AWS.
        skip_requesting_account_id: false,
        s3_use_path_style: true,
        // A local server's error is not transient: surface it in seconds instead of retrying for many minutes.
        max_retries: 3,
        endpoints: [endpoints],
      })),
    },
    terraform: { backend: { local: { path: statePath } } },
  };
}

/** Resource and data source types of the stack that no local endpoint entry covers (the stack is refused). */
export function typesWithoutLocalEndpoint(stackJson: unknown): string[] {
  const types = [...Object.keys(objectField(stackJson, "resource")), ...Object.keys(objectField(stackJson, "data"))];
  return [...new Set(types)].filter((t) => serviceOf(t) === undefined).sort();
}

/** One resource left out of a local apply, and why. */
export interface Excluded {
  readonly address: string;
  readonly reason: string;
}

export interface ApplyScope {
  /** `-target` addresses: every resource not excluded; empty when nothing is excluded (apply everything). */
  readonly targets: readonly string[];
  readonly excluded: readonly Excluded[];
}

const REFERENCE = /\b(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\b/g;

/** The resource addresses one resource block names (in expressions and depends_on). */
function referencesOf(block: unknown, known: ReadonlySet<string>): string[] {
  const text = JSON.stringify(block);
  return [...text.matchAll(REFERENCE)].map((m) => `${m[1]}.${m[2]}`).filter((a) => known.has(a));
}

/**
 * What a local apply applies: every resource except those of a type in `notServed` and, transitively, every
 * resource that references one (it could not be created without it). Each exclusion says why.
 */
export function applyScope(stackJson: unknown, notServed: Readonly<Record<string, string>>): ApplyScope {
  const blocks = new Map<string, unknown>();
  for (const [type, byName] of Object.entries(objectField(stackJson, "resource"))) {
    for (const [name, block] of Object.entries(asObject(byName))) blocks.set(`${type}.${name}`, block);
  }
  const known = new Set(blocks.keys());
  const reasons = new Map<string, string>();
  for (const address of known) {
    const reason = notServed[address.slice(0, address.indexOf("."))];
    if (reason !== undefined) reasons.set(address, reason);
  }
  let grew = reasons.size > 0;
  while (grew) {
    grew = false;
    for (const [address, block] of blocks) {
      if (reasons.has(address)) continue;
      const missing = referencesOf(block, known).find((r) => reasons.has(r));
      if (missing === undefined) continue;
      reasons.set(address, `references ${missing}, which is left out`);
      grew = true;
    }
  }
  if (reasons.size === 0) return { targets: [], excluded: [] };
  return {
    targets: [...known].filter((a) => !reasons.has(a)).sort(),
    excluded: [...reasons].map(([address, reason]) => ({ address, reason })).sort((a, b) => a.address.localeCompare(b.address)),
  };
}

/**
 * The local endpoint's URL for a stage invoke URL (`https://<api>.execute-api.<region>.amazonaws.com/<stage>`):
 * moto serves it at `<endpoint>/restapis/<api>/<stage>/_user_request_`. Undefined for any other shape.
 */
export function localInvokeUrl(invokeUrl: string, endpoint: string): string | undefined {
  const m = /^https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/([^/]+)\/?$/.exec(invokeUrl);
  if (m === null) return undefined;
  return `${endpointBase(endpoint)}/restapis/${m[1]}/${m[2]}/_user_request_`;
}

/** The port moto_server says it listens on (`Running on http://127.0.0.1:PORT`), once it has said so. */
export function motoListeningPort(output: string): number | undefined {
  const m = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
  return m === null ? undefined : Number(m[1]);
}

/** `Apply complete! Resources: 116 added, 0 changed, 0 destroyed.` -> the counts; undefined when absent. */
export function appliedCounts(stdout: string): { added: number; changed: number; destroyed: number } | undefined {
  const m = /Resources: (\d+) added, (\d+) changed, (\d+) destroyed\./.exec(stdout);
  return m === null ? undefined : { added: Number(m[1]), changed: Number(m[2]), destroyed: Number(m[3]) };
}

/** `Destroy complete! Resources: 114 destroyed.` -> 114; undefined when absent. */
export function destroyedCount(stdout: string): number | undefined {
  const m = /Destroy complete! Resources: (\d+) destroyed\./.exec(stdout);
  return m === null ? undefined : Number(m[1]);
}

/** `terraform state list` output -> how many resources of each type, by type. */
export function countByType(stateList: string): [type: string, count: number][] {
  const counts = new Map<string, number>();
  for (const line of stateList.split("\n")) {
    const address = line.trim();
    if (address === "" || address.startsWith("data.")) continue;
    const type = address.slice(0, address.indexOf("."));
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}
