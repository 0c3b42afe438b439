// What a stage serves: a canary on a deployment that does not redeploy with the API, a canary left on the base's
// deployment while the head strengthens a route (a share of the callers keep the weaker one), the stage switched to
// such a deployment, and a canary whose variable overrides redirect an integration. Twins: a canary on the stage's own
// deployment, a stage moved to a deployment that redeploys like the first, an override nobody reads.
import { ordersHttp, type Doc as HttpDoc } from "../../load/http-api/fixture";
import { method, only, redeployOn, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const DEPLOYMENT = "stage_deployment_AA68F2D4";
const ref = (name: string): string => `\${aws_api_gateway_deployment.${name}.id}`;
const stage = (d: Doc): Json => only(d, "aws_api_gateway_stage");
const deployment = (d: Doc): Json => d.resource["aws_api_gateway_deployment"][DEPLOYMENT] as Json;

/** A second deployment of the API, as a pull request adds it: no triggers, no depends_on (a frozen snapshot). */
function bareDeployment(d: Doc, name: string): void {
  d.resource["aws_api_gateway_deployment"][name] = {
    rest_api_id: deployment(d)["rest_api_id"],
    description: "pinned",
    lifecycle: { create_before_destroy: true },
  };
}

/** A second deployment that redeploys exactly like the first (the same triggers and depends_on). */
function twinDeployment(d: Doc, name: string): void {
  d.resource["aws_api_gateway_deployment"][name] = { ...deployment(d), description: "blue/green" };
}

const canary = (d: Doc, settings: Json): void => void (stage(d)["canary_settings"] = settings);

/** The sample's GET /catalog (open) now requires the Cognito authorizer GET /pets uses. */
function catalogBehindCognito(d: Doc): void {
  const pets = method(d, "GET", "/pets");
  Object.assign(method(d, "GET", "/catalog"), {
    authorization: "COGNITO_USER_POOLS",
    authorizer_id: pets["authorizer_id"],
    authorization_scopes: pets["authorization_scopes"],
  });
}

/**
 * The head's routes go to a new deployment `green` (the first's triggers plus GET /catalog's, so the first no longer
 * covers the API); the stage serves green; the canary stays on the base's deployment, which keeps the base's routes.
 */
function canaryOnBase(strengthen: boolean) {
  return (d: Doc): void => {
    if (strengthen) catalogBehindCognito(d);
    twinDeployment(d, "green");
    // A new method only green covers: the base's deployment no longer redeploys with the API.
    d.resource["aws_api_gateway_method"]["extra"] = { ...method(d, "GET", "/pets"), http_method: "HEAD" };
    const green = d.resource["aws_api_gateway_deployment"]["green"] as Json;
    green["triggers"] = { ...(green["triggers"] as Json) };
    redeployOn(green, "aws_api_gateway_method.extra");
    stage(d)["deployment_id"] = ref("green");
    canary(d, { deployment_id: ref(DEPLOYMENT), percent_traffic: 10 });
  };
}

function stageVariableBackend(d: Doc): void {
  const i = Object.values(d.resource["aws_api_gateway_integration"]).find((x) => String(x["http_method"]).includes("api_method-GET-pets_")) as Json;
  i["uri"] =
    "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:$${stageVariables.petsFunction}/invocations";
  stage(d)["variables"] = { petsFunction: "petstore-dev-backend", logLevel: "info" };
}

/** The orders HTTP API beside the sample; its stage deploys automatically. */
function withHttpApi(d: Doc): void {
  for (const [type, byName] of Object.entries((ordersHttp() as HttpDoc).resource)) d.resource[type] = { ...(d.resource[type] ?? {}), ...byName };
}
const httpStage = (d: Doc): Json => d.resource["aws_apigatewayv2_stage"]["prod"] as Json;

/**
 * An HTTP API deployment that depends on every route and authorizer of the orders API (which only orders creation)
 * and, with `redeploys`, is redeployed by a hash of their authorization attributes.
 */
function httpDeployment(redeploys: boolean) {
  return (d: Doc): void => {
    const routes = Object.keys(d.resource["aws_apigatewayv2_route"]).map((n) => `aws_apigatewayv2_route.${n}`);
    const authorizers = Object.keys(d.resource["aws_apigatewayv2_authorizer"]).map((n) => `aws_apigatewayv2_authorizer.${n}`);
    const attributes = [
      ...routes.flatMap((r) => [`${r}.authorization_type`, `${r}.authorizer_id`, `${r}.authorization_scopes`]),
      ...authorizers.flatMap((a) => [`${a}.authorizer_type`, `${a}.identity_sources`, `${a}.jwt_configuration`]),
    ];
    d.resource["aws_apigatewayv2_deployment"] = {
      release: {
        api_id: "${aws_apigatewayv2_api.orders.id}",
        depends_on: [...routes, ...authorizers],
        ...(redeploys ? { triggers: { redeployment: `\${sha1(jsonencode([${attributes.join(", ")}]))}` } } : {}),
      },
    };
    Object.assign(httpStage(d), { auto_deploy: false, deployment_id: "${aws_apigatewayv2_deployment.release.id}" });
  };
}

/** Trigger text hashing every route and authorizer of the orders API: whole resources, or only their ids. */
function httpTriggers(d: Doc, attribute: "" | ".id"): string {
  const refs = [
    ...Object.keys(d.resource["aws_apigatewayv2_route"]).map((n) => `aws_apigatewayv2_route.${n}${attribute}`),
    ...Object.keys(d.resource["aws_apigatewayv2_authorizer"]).map((n) => `aws_apigatewayv2_authorizer.${n}${attribute}`),
  ];
  return `\${sha1(jsonencode([${refs.join(", ")}]))}`;
}

/** The orders stage pinned to deployment `release`, redeployed by a hash of every route and authorizer. */
function pinnedByTriggers(d: Doc): void {
  withHttpApi(d);
  d.resource["aws_apigatewayv2_deployment"] = { release: { api_id: "${aws_apigatewayv2_api.orders.id}", triggers: { redeployment: httpTriggers(d, "") } } };
  Object.assign(httpStage(d), { auto_deploy: false, deployment_id: "${aws_apigatewayv2_deployment.release.id}" });
}
const release = (d: Doc): Json => d.resource["aws_apigatewayv2_deployment"]["release"] as Json;

/** The orders integration calls a host named by the stage variable `ordersHost`. */
function httpStageVariableBackend(d: Doc): void {
  withHttpApi(d);
  Object.assign(d.resource["aws_apigatewayv2_integration"]["backend"] as Json, {
    integration_type: "HTTP_PROXY",
    integration_method: "ANY",
    integration_uri: "https://$${stageVariables.ordersHost}/orders",
  });
  httpStage(d)["stage_variables"] = { ordersHost: "orders.internal.example.com" };
}

export const SERVING_PAIRS: Readonly<Record<string, AccessPair>> = {
  "canary-on-frozen-deployment": {
    env: "dev",
    description: "the stage gets a 10% canary on a new deployment with no triggers or depends_on (what it serves is unknown)",
    mutate: (d) => {
      bareDeployment(d, "pinned");
      canary(d, { deployment_id: ref("pinned"), percent_traffic: 10 });
    },
    blocking: ["canary-not-verified"],
    names: "aws_api_gateway_deployment.pinned",
    check: ["deployment-redeploys-on-auth-change"],
  },
  "canary-on-own-deployment": {
    env: "dev",
    description: "twin: a 10% canary on the stage's own deployment (the same routes)",
    mutate: (d) => canary(d, { deployment_id: ref(DEPLOYMENT), percent_traffic: 10 }),
    blocking: [],
    check: [],
  },
  "canary-keeps-weaker-routes": {
    env: "dev",
    description: "GET /catalog moves behind Cognito on a new deployment while a 10% canary stays on the base's deployment",
    mutate: canaryOnBase(true),
    blocking: ["canary-serves-weaker-routes"],
    names: "GET /catalog",
    check: ["deployment-redeploys-on-auth-change"],
  },
  "canary-on-base-routes-unchanged": {
    env: "dev",
    description: "twin: the same blue/green move with no route strengthened: the canary serves routes as strong as the main's",
    mutate: canaryOnBase(false),
    blocking: [],
    // The check still names the base's deployment, which no longer covers the new method: a standing finding.
    check: ["deployment-redeploys-on-auth-change"],
  },
  "stage-switched-to-frozen-deployment": {
    env: "dev",
    description: "the stage serves a new deployment with no triggers or depends_on",
    mutate: (d) => {
      bareDeployment(d, "pinned");
      stage(d)["deployment_id"] = ref("pinned");
    },
    blocking: ["stage-deployment-not-verified"],
    names: "aws_api_gateway_deployment.pinned",
    check: ["deployment-redeploys-on-auth-change"],
  },
  "stage-switched-to-twin-deployment": {
    env: "dev",
    description: "twin: the stage serves a new deployment that redeploys exactly like the first",
    mutate: (d) => {
      twinDeployment(d, "green");
      stage(d)["deployment_id"] = ref("green");
    },
    blocking: [],
    check: [],
  },
  "canary-overrides-backend-variable": {
    env: "dev",
    description: "GET /pets's Lambda is named by stage variable petsFunction; a canary overrides it with another function",
    both: stageVariableBackend,
    mutate: (d) => canary(d, { deployment_id: ref(DEPLOYMENT), percent_traffic: 5, stage_variable_overrides: { petsFunction: "petstore-dev-debug" } }),
    blocking: ["stage-variable-redirects"],
    names: "petsFunction",
    check: [],
  },
  "canary-overrides-unread-variable": {
    env: "dev",
    description: "twin: the canary overrides logLevel, which no integration or authorizer reads",
    both: stageVariableBackend,
    mutate: (d) => canary(d, { deployment_id: ref(DEPLOYMENT), percent_traffic: 5, stage_variable_overrides: { logLevel: "debug" } }),
    blocking: [],
    check: [],
  },
  "stage-variable-redirects-backend": {
    env: "dev",
    description: "the stage's own variable petsFunction, read by GET /pets's integration uri, names another function",
    both: stageVariableBackend,
    mutate: (d) => void ((stage(d)["variables"] as Json)["petsFunction"] = "petstore-dev-debug"),
    blocking: ["stage-variable-redirects"],
    names: "petsFunction",
    check: [],
  },
  "canary-frozen-shares-stage-cache": {
    env: "dev",
    description: "an existing 10% canary on a frozen deployment starts sharing the stage cache (its answers reach the main's callers)",
    both: (d) => {
      bareDeployment(d, "pinned");
      canary(d, { deployment_id: ref("pinned"), percent_traffic: 10, use_stage_cache: false });
    },
    mutate: (d) => void ((stage(d)["canary_settings"] as Json)["use_stage_cache"] = true),
    blocking: ["canary-not-verified"],
    names: "sharing the stage cache",
    check: [],
  },
  "canary-own-shares-stage-cache": {
    env: "dev",
    description: "twin: a canary on the stage's own deployment starts sharing the stage cache (the same routes)",
    both: (d) => canary(d, { deployment_id: ref(DEPLOYMENT), percent_traffic: 10, use_stage_cache: false }),
    mutate: (d) => void ((stage(d)["canary_settings"] as Json)["use_stage_cache"] = true),
    blocking: [],
    check: [],
  },
  "http-stage-auto-deploy-off": {
    env: "dev",
    description: "the orders HTTP API stage stops deploying automatically and names no deployment (it serves whatever was deployed last)",
    both: withHttpApi,
    mutate: (d) => void (httpStage(d)["auto_deploy"] = false),
    blocking: ["stage-deployment-not-verified"],
    names: "stage orders-http/prod",
    check: [],
  },
  "http-stage-pinned-to-depends-on-deployment": {
    env: "dev",
    description:
      "auto_deploy off, the stage serving a deployment that only depends on every route and authorizer (depends_on orders creation; a route changed in place is never deployed)",
    both: withHttpApi,
    mutate: httpDeployment(false),
    blocking: ["stage-deployment-not-verified"],
    names: "aws_apigatewayv2_deployment.release",
    check: [],
  },
  "http-stage-pinned-to-covering-deployment": {
    env: "dev",
    description: "twin: auto_deploy off, the stage serving a deployment whose triggers hash every route's and authorizer's authorization",
    both: withHttpApi,
    mutate: httpDeployment(true),
    blocking: [],
    check: [],
  },
  "http-stage-variable-redirects-backend": {
    env: "dev",
    description: "the orders HTTP API stage variable ordersHost, read by the integration's uri, names another host",
    both: httpStageVariableBackend,
    mutate: (d) => void ((httpStage(d)["stage_variables"] as Json)["ordersHost"] = "orders.attacker.example.net"),
    blocking: ["stage-variable-redirects"],
    names: "ordersHost",
    check: [],
  },
  "http-stage-variable-unread": {
    env: "dev",
    description: "twin: a new stage variable logLevel that nothing reads",
    both: httpStageVariableBackend,
    mutate: (d) => void ((httpStage(d)["stage_variables"] as Json)["logLevel"] = "debug"),
    blocking: [],
    check: [],
  },
  "http-deployment-triggers-ids-only": {
    env: "dev",
    description: "the orders stage's deployment now hashes only the routes' ids: a route's authorization change is never deployed",
    both: pinnedByTriggers,
    mutate: (d) => void (release(d)["triggers"] = { redeployment: httpTriggers(d, ".id") }),
    blocking: ["stage-deployment-not-verified"],
    names: "aws_apigatewayv2_deployment.release",
    check: [],
  },
  "http-deployment-triggers-renamed": {
    env: "dev",
    description: "twin: the same whole-resource hash under another trigger key",
    both: pinnedByTriggers,
    mutate: (d) => void (release(d)["triggers"] = { routes: httpTriggers(d, "") }),
    blocking: [],
    check: [],
  },
  "http-stage-switched-to-frozen-deployment": {
    env: "dev",
    description: "the orders stage moves from its redeploying deployment to a new one with no triggers or depends_on",
    both: pinnedByTriggers,
    mutate: (d) => {
      d.resource["aws_apigatewayv2_deployment"]["frozen"] = { api_id: "${aws_apigatewayv2_api.orders.id}" };
      httpStage(d)["deployment_id"] = "${aws_apigatewayv2_deployment.frozen.id}";
    },
    blocking: ["stage-deployment-not-verified"],
    names: "aws_apigatewayv2_deployment.frozen",
    check: [],
  },
};
