// What each stage actually serves: the deployment its calls reach (REST `deployment_id`, an HTTP/WebSocket stage's
// `auto_deploy` or `deployment_id`), a canary's deployment with its share of the traffic and variable overrides, and
// which integrations and authorizers read each stage variable. A deployment is a snapshot: it serves the routes of
// this configuration only when its triggers cover every method and authorizer of its API (the test
// deployment-redeploys-on-auth-change applies, guard/access/deployment-triggers.ts; depends_on only orders creation); otherwise what it serves is a
// snapshot the plan does not show. Pure: Model in; linear in the resources.
import { isUnknown, type Deployment, type Model, type ResourceInstance, type Route } from "../model";
import { triggerCoverage } from "./deployment-triggers";
import { managed, refsAt, textOf } from "./doors/refs";
import { refsOf, resolveRefs } from "./cloudfront";
import { perModel } from "./per-model";

export interface DeploymentServing {
  /** The deployment's address; undefined when the stage names none that resolves. */
  readonly address?: string;
  /** `aws_api_gateway_deployment.d`, `auto_deploy`, or the unresolved text. */
  readonly label: string;
  /** `current`: it snapshots this configuration's routes; `unknown`: a snapshot the plan does not show. */
  readonly serves: "current" | "unknown";
  /** Why it is `unknown`. */
  readonly why?: string;
  /** The deployment's own values and dependencies (an unchanged snapshot has the same); computed when asked. */
  readonly fingerprint: () => string;
}

export interface CanaryServing {
  readonly deployment: DeploymentServing;
  /** `percent_traffic`; undefined when unset (API Gateway: 0). */
  readonly percent?: number | "unknown";
  readonly overrides: Readonly<Record<string, unknown>> | "unknown";
  /** The overrides as written (an expression known only after apply included). */
  readonly overridesText: string;
  readonly useStageCache: boolean | "unknown";
}

export interface StageServing {
  /** `stack::api address::stage name`: pairs a stage across versions. */
  readonly key: string;
  /** `stage petstore-dev/dev`. */
  readonly label: string;
  readonly address: string;
  readonly stack: string;
  readonly apiAddress?: string;
  readonly main: DeploymentServing;
  readonly canary?: CanaryServing;
  readonly variables: Readonly<Record<string, unknown>> | "unknown";
  /** The variables as written (an expression known only after apply included). */
  readonly variablesText: string;
}

const mapOf = (v: unknown): Readonly<Record<string, unknown>> | "unknown" =>
  v === undefined || v === null ? {} : isUnknown(v) || typeof v !== "object" || Array.isArray(v) ? "unknown" : (v as Record<string, unknown>);

const blockOf = (v: unknown): Readonly<Record<string, unknown>> | undefined => {
  const b = Array.isArray(v) ? v[0] : v;
  return typeof b === "object" && b !== null && !isUnknown(b) ? (b as Record<string, unknown>) : undefined;
};

const fingerprintOf = (r: ResourceInstance): string => JSON.stringify([r.values, r.references, r.dependsOn]);

/** Whether a deployment's triggers cover every route and authorizer of its API. */
function covers(model: Model, d: Deployment, apiAddress: string | undefined): boolean {
  const stack = d.resource.source.stack;
  const sameApi = (api: string | undefined, s: string) => api === apiAddress && s === stack;
  const holders = new Map<string, ResourceInstance>();
  for (const r of model.routes) if (sameApi(r.apiAddress, r.resource.source.stack)) holders.set(holderAddress(r), r.resource);
  for (const a of model.authorizers) if (sameApi(a.apiAddress, a.resource.source.stack)) holders.set(a.address, a.resource);
  for (const resource of holders.values()) if (triggerCoverage(d, resource).kind !== "covered") return false;
  return true;
}

/** Operations of an OpenAPI body redeploy with the API's body: the API resource holds them. */
const holderAddress = (r: Route): string => (r.address.includes("#") ? r.resource.address : r.address);

/** A deployment resource as the model's Deployment (v2 deployments have no view of their own). */
function asDeployment(model: Model, r: ResourceInstance): Deployment {
  const known = model.deployments.find((d) => d.resource === r);
  if (known !== undefined) return known;
  const t = r.values["triggers"];
  return {
    address: r.address,
    triggers: typeof t === "object" && t !== null && !isUnknown(t) ? (t as Record<string, unknown>) : {},
    triggerReferences: r.references["triggers"] ?? [],
    dependsOn: r.dependsOn,
    createBeforeDestroy: r.createBeforeDestroy ?? { unknown: true },
    resource: r,
  };
}

function serving(
  model: Model,
  holder: ResourceInstance,
  refs: readonly string[],
  type: string,
  apiAddress: string | undefined,
  what: string,
  value: unknown,
): DeploymentServing {
  const d = resolveRefs(model, holder, refs, type)[0];
  if (d === undefined) {
    const shown = refs[0] ?? textOf(value) ?? "(none)";
    return { label: shown, serves: "unknown", why: `${what} ${shown} is no deployment of this configuration`, fingerprint: () => shown };
  }
  const current = covers(model, asDeployment(model, d), apiAddress);
  return {
    address: d.address,
    label: d.address,
    serves: current ? "current" : "unknown",
    ...(current
      ? {}
      : {
          why: `${d.address} does not redeploy when the API's methods and authorizers change (its triggers do not cover them; depends_on only orders creation): which routes it serves is not known from the plan`,
        }),
    fingerprint: () => fingerprintOf(d),
  };
}

const apiName = (model: Model, stack: string, address: string | undefined): string => {
  const api = model.apis.find((a) => a.address === address && a.resource.source.stack === stack);
  return api !== undefined && typeof api.name === "string" ? api.name : (address ?? "(API unresolved)");
};

const apiOf = (model: Model, r: ResourceInstance, attr: string, type: string): string | undefined => resolveRefs(model, r, refsAt(r, attr), type)[0]?.address;

/** One stage's entry, REST (`variables`, a canary) or HTTP/WebSocket (`stage_variables`). */
function stageEntry(
  model: Model,
  s: ResourceInstance,
  apiAddress: string | undefined,
  name: string,
  main: DeploymentServing,
  variablesAttr: "variables" | "stage_variables",
  canary?: CanaryServing,
): StageServing {
  return {
    key: `${s.source.stack}::${apiAddress ?? "?"}::${name}`,
    label: `stage ${apiName(model, s.source.stack, apiAddress)}/${name}`,
    address: s.address,
    stack: s.source.stack,
    ...(apiAddress !== undefined ? { apiAddress } : {}),
    main,
    ...(canary !== undefined ? { canary } : {}),
    variables: mapOf(s.values[variablesAttr]),
    variablesText: JSON.stringify(s.values[variablesAttr] ?? null),
  };
}

export const stageServing = perModel((model): readonly StageServing[] => {
  const out: StageServing[] = [];
  for (const s of managed(model, "aws_api_gateway_stage")) {
    const apiAddress = apiOf(model, s, "rest_api_id", "aws_api_gateway_rest_api");
    const name = textOf(s.values["stage_name"]) ?? s.address;
    const main = serving(model, s, refsAt(s, "deployment_id"), "aws_api_gateway_deployment", apiAddress, "deployment_id", s.values["deployment_id"]);
    const c = blockOf(s.values["canary_settings"]);
    let canary: CanaryServing | undefined;
    if (c !== undefined) {
      const ref = c["deployment_id"];
      // A canary without its own deployment serves the stage's (only its variables differ).
      const deployment =
        ref === undefined || ref === null
          ? main
          : serving(
              model,
              s,
              [...refsOf(ref), ...(s.references["canary_settings"] ?? []).filter((x) => /(^|\.)aws_api_gateway_deployment\./.test(x))],
              "aws_api_gateway_deployment",
              apiAddress,
              "canary_settings.deployment_id",
              ref,
            );
      const percent = c["percent_traffic"];
      const cache = c["use_stage_cache"];
      canary = {
        deployment,
        ...(percent === undefined || percent === null ? {} : { percent: typeof percent === "number" ? percent : "unknown" }),
        overrides: mapOf(c["stage_variable_overrides"]),
        overridesText: JSON.stringify(c["stage_variable_overrides"] ?? null),
        useStageCache: cache === undefined || cache === null ? false : typeof cache === "boolean" ? cache : "unknown",
      };
    }
    out.push(stageEntry(model, s, apiAddress, name, main, "variables", canary));
  }
  for (const s of managed(model, "aws_apigatewayv2_stage")) {
    const apiAddress = apiOf(model, s, "api_id", "aws_apigatewayv2_api");
    const name = textOf(s.values["name"]) ?? s.address;
    const auto = s.values["auto_deploy"];
    const main: DeploymentServing =
      auto === true
        ? { label: "auto_deploy", serves: "current", fingerprint: () => "auto_deploy" }
        : refsAt(s, "deployment_id").length > 0 || s.values["deployment_id"] !== undefined
          ? serving(model, s, refsAt(s, "deployment_id"), "aws_apigatewayv2_deployment", apiAddress, "deployment_id", s.values["deployment_id"])
          : {
              label: "(no deployment)",
              serves: "unknown",
              why: isUnknown(auto) ? "auto_deploy is known only after apply" : "neither auto_deploy nor a deployment_id: it serves whatever was deployed last",
              fingerprint: () => "(none)",
            };
    out.push(stageEntry(model, s, apiAddress, name, main, "stage_variables"));
  }
  return out;
});

/** Attributes of integrations and authorizers that can read stage variables (a backend, a function, a mapping). */
const READERS: Readonly<Record<string, readonly string[]>> = {
  aws_api_gateway_integration: ["uri", "request_parameters", "request_templates", "connection_id", "credentials"],
  aws_api_gateway_authorizer: ["authorizer_uri", "authorizer_credentials"],
  aws_apigatewayv2_integration: ["integration_uri", "request_parameters", "request_templates", "connection_id", "credentials_arn"],
  aws_apigatewayv2_authorizer: ["authorizer_uri", "authorizer_credentials_arn"],
  // OpenAPI bodies' integrations (x-amazon-apigateway-integration uri, requestParameters): counted for every API of the stack.
  aws_api_gateway_rest_api: ["body"],
  aws_apigatewayv2_api: ["body"],
};
const STAGE_VARIABLE = /stageVariables\.([A-Za-z0-9_]+)/g;

/** Per `stack::api address` (`*` when its API does not resolve), which resources read each stage variable. */
const readersByApi = perModel((model): Map<string, Map<string, string[]>> => {
  const byApi = new Map<string, Map<string, string[]>>();
  for (const [type, attrs] of Object.entries(READERS)) {
    for (const r of managed(model, type)) {
      const text = JSON.stringify(attrs.map((a) => r.values[a] ?? null));
      const names = [...new Set([...text.matchAll(STAGE_VARIABLE)].map((m) => m[1] as string))];
      if (names.length === 0) continue;
      const api = type.endsWith("_api")
        ? undefined
        : type.startsWith("aws_apigatewayv2_")
          ? apiOf(model, r, "api_id", "aws_apigatewayv2_api")
          : apiOf(model, r, "rest_api_id", "aws_api_gateway_rest_api");
      const key = `${r.source.stack}::${api ?? "*"}`;
      const readers = byApi.get(key) ?? new Map<string, string[]>();
      for (const n of names) readers.set(n, [...(readers.get(n) ?? []), r.address]);
      byApi.set(key, readers);
    }
  }
  return byApi;
});

/**
 * Per `stack::api address`, which resources read each stage variable (`backendHost` -> the integrations whose uri
 * holds `${stageVariables.backendHost}`). A reader whose API does not resolve counts for every API of its stack.
 */
export function stageVariableReaders(model: Model, stack: string, apiAddress: string | undefined): ReadonlyMap<string, readonly string[]> {
  const byApi = readersByApi(model);
  const own = byApi.get(`${stack}::${apiAddress ?? "*"}`);
  const loose = byApi.get(`${stack}::*`);
  if (loose === undefined) return own ?? new Map();
  const merged = new Map(own ?? []);
  for (const [n, rs] of loose) merged.set(n, [...(merged.get(n) ?? []), ...rs]);
  return merged;
}
