// The REST API: resource tree from the route paths, authorizers (Cognito and Lambda), methods with exactly
// the authorization the spec gives them, integrations, CORS preflight, and the Lambda permissions API
// Gateway needs, each scoped to this API.
import { authorizationType, specWordType } from "../kernel/authorization-types";
import { Construct } from "constructs";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { TerraformResource } from "cdktf";
import type { AccessSpec, IntegrationSpec, RouteSpec } from "../access-spec/types";
import { routeArnPattern } from "../kernel/match/route";
import { routeId, terraformId } from "./private/names";

/** What the API needs to know of a Lambda function. */
export interface FunctionRef {
  readonly functionName: string;
  readonly invokeArn: string;
}

export interface RestApiProps {
  readonly spec: AccessSpec;
  readonly userPoolArn: string;
  /** Integration targets by spec name (`backend`, `groupRole`, `adminOnly`). */
  readonly functions: Readonly<Record<IntegrationTarget, FunctionRef>>;
  /** Lambda authorizer functions by authorizer name. */
  readonly authorizerFunctions: Readonly<Record<string, FunctionRef>>;
}

export type IntegrationTarget = Extract<IntegrationSpec, { type: "LAMBDA" }>["function"];

export const COGNITO_AUTHORIZER_SUFFIX = "-cognito";

export class RestApi extends Construct {
  public readonly api: ApiGatewayRestApi;
  public readonly restApiId: string;
  public readonly restApiName: string;
  public readonly executionArn: string;
  /** Every method and integration and authorizer: what a deployment must be redeployed for. */
  public readonly deploymentInputs: TerraformResource[] = [];
  /** Route key -> method resource. */
  public readonly methods: ReadonlyMap<string, ApiGatewayMethod>;
  private readonly resources = new Map<string, string>();

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    const { spec } = props;
    this.restApiName = `${spec.name}-${spec.environment}`;
    this.api = new ApiGatewayRestApi(this, "api", {
      name: this.restApiName,
      description: spec.description,
      endpointConfiguration: { types: ["REGIONAL"] },
      apiKeySource: "HEADER",
      tags: spec.tags,
    });
    this.restApiId = this.api.id;
    this.executionArn = this.api.executionArn;
    this.resources.set("/", this.api.rootResourceId);

    const authorizers = this.authorizers(props);
    const methods = new Map<string, ApiGatewayMethod>();
    const permittedRoutes = new Map<IntegrationTarget, RouteSpec[]>();
    for (const route of spec.routes) {
      const resourceId = this.resourceFor(route.path);
      methods.set(`${route.method} ${route.path}`, this.method(route, resourceId, authorizers, props));
      if (route.integration.type === "LAMBDA") {
        const list = permittedRoutes.get(route.integration.function) ?? [];
        list.push(route);
        permittedRoutes.set(route.integration.function, list);
      }
    }
    this.methods = methods;

    const corsPaths = [...new Set(spec.routes.filter((r) => r.cors === true).map((r) => r.path))];
    const explicitOptions = new Set(spec.routes.filter((r) => r.method === "OPTIONS").map((r) => r.path));
    for (const path of corsPaths.filter((p) => !explicitOptions.has(p))) {
      this.corsPreflight(path, spec);
    }

    for (const [target, routes] of permittedRoutes) {
      for (const route of routes) {
        // One permission per method: API Gateway may invoke the function for exactly this route.
        new LambdaPermission(this, `invoke-${routeId(route.method, route.path)}`, {
          statementId: `apigateway-${routeId(route.method, route.path)}`.slice(0, 100),
          action: "lambda:InvokeFunction",
          functionName: props.functions[target].functionName,
          principal: "apigateway.amazonaws.com",
          sourceArn: routeArnPattern(this.api.executionArn, "*", route.method, route.path),
        });
      }
    }
  }

  private authorizers(props: RestApiProps): Map<string, ApiGatewayAuthorizer> {
    const { spec } = props;
    const result = new Map<string, ApiGatewayAuthorizer>();
    const usesCognito = spec.routes.some((r) => r.auth.type === "COGNITO");
    if (usesCognito) {
      const cognito = new ApiGatewayAuthorizer(this, "authorizer-cognito", {
        name: `${this.restApiName}${COGNITO_AUTHORIZER_SUFFIX}`,
        restApiId: this.api.id,
        type: "COGNITO_USER_POOLS",
        providerArns: [props.userPoolArn],
        identitySource: "method.request.header.Authorization",
      });
      result.set("cognito", cognito);
      this.deploymentInputs.push(cognito);
    }
    for (const authorizer of spec.authorizers) {
      const fn = props.authorizerFunctions[authorizer.name];
      const resource = new ApiGatewayAuthorizer(this, `authorizer-${terraformId(authorizer.name)}`, {
        name: authorizer.name,
        restApiId: this.api.id,
        type: authorizer.type,
        authorizerUri: fn.invokeArn,
        identitySource: authorizer.identitySources.join(","),
        authorizerResultTtlInSeconds: authorizer.resultTtlSeconds,
      });
      result.set(`lambda:${authorizer.name}`, resource);
      this.deploymentInputs.push(resource);
      new LambdaPermission(this, `authorizer-permission-${terraformId(authorizer.name)}`, {
        statementId: `apigateway-authorizer-${terraformId(authorizer.name)}`,
        action: "lambda:InvokeFunction",
        functionName: fn.functionName,
        principal: "apigateway.amazonaws.com",
        // Only this API's own authorizer may invoke the function.
        sourceArn: `${this.api.executionArn}/authorizers/${resource.id}`,
      });
    }
    return result;
  }

  /** Creates (once) every resource on the path and returns the id of the last one. */
  private resourceFor(path: string): string {
    const existing = this.resources.get(path);
    if (existing !== undefined) return existing;
    const cut = path.lastIndexOf("/");
    const parentPath = cut === 0 ? "/" : path.slice(0, cut);
    const parentId = this.resourceFor(parentPath);
    const resource = new ApiGatewayResource(this, `resource-${routeId("", path).slice(1)}`, {
      restApiId: this.api.id,
      parentId,
      pathPart: path.slice(cut + 1),
    });
    this.resources.set(path, resource.id);
    return resource.id;
  }

  private method(route: RouteSpec, resourceId: string, authorizers: Map<string, ApiGatewayAuthorizer>, props: RestApiProps): ApiGatewayMethod {
    const auth = route.auth;
    const id = routeId(route.method, route.path);
    // The method's `authorization` is the type table's REST value for the spec's word.
    const type = specWordType(auth.type);
    if (type === undefined) throw new Error(`route "${route.method} ${route.path}": authorization type "${auth.type}" is in no row of the type table`);
    const authorization = authorizationType(type).restGateway;
    let authorizer: ApiGatewayAuthorizer | undefined;
    let scopes: string[] | undefined;
    let apiKeyRequired = false;
    switch (auth.type) {
      case "NONE":
      case "EDGE":
        break;
      case "API_KEY":
        apiKeyRequired = true;
        break;
      case "AWS_IAM":
        apiKeyRequired = auth.usagePlan !== undefined;
        break;
      case "COGNITO":
        authorizer = authorizers.get("cognito");
        scopes = auth.scopes !== undefined && auth.scopes.length > 0 ? [...auth.scopes] : undefined;
        apiKeyRequired = auth.usagePlan !== undefined;
        break;
      case "LAMBDA":
        authorizer = authorizers.get(`lambda:${auth.authorizer}`);
        apiKeyRequired = auth.usagePlan !== undefined;
        break;
    }
    const method = new ApiGatewayMethod(this, `method-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: route.method,
      authorization,
      authorizerId: authorizer?.id,
      authorizationScopes: scopes,
      apiKeyRequired,
      requestParameters: this.pathParameters(route.path),
    });
    this.deploymentInputs.push(method);
    this.integration(route.integration, route.method, id, resourceId, method, props);
    return method;
  }

  private pathParameters(path: string): Record<string, boolean> | undefined {
    const names = [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]);
    if (names.length === 0) return undefined;
    return Object.fromEntries(names.map((n) => [`method.request.path.${n}`, true]));
  }

  private integration(integration: IntegrationSpec, httpMethod: string, id: string, resourceId: string, method: ApiGatewayMethod, props: RestApiProps): void {
    if (integration.type === "LAMBDA") {
      this.deploymentInputs.push(
        new ApiGatewayIntegration(this, `integration-${id}`, {
          restApiId: this.api.id,
          resourceId,
          httpMethod: method.httpMethod,
          type: "AWS_PROXY",
          integrationHttpMethod: "POST",
          uri: props.functions[integration.function].invokeArn,
        }),
      );
      return;
    }
    const status = String(integration.statusCode ?? 200);
    this.mock(id, resourceId, method, status, { "application/json": JSON.stringify({ ok: true, method: httpMethod }) }, {});
  }

  /** A MOCK integration with its method and integration responses. */
  private mock(
    id: string,
    resourceId: string,
    method: ApiGatewayMethod,
    status: string,
    responseTemplates: Record<string, string>,
    headers: Record<string, string>,
  ): void {
    const integration = new ApiGatewayIntegration(this, `integration-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: method.httpMethod,
      type: "MOCK",
      requestTemplates: { "application/json": JSON.stringify({ statusCode: Number(status) }) },
    });
    const methodResponse = new ApiGatewayMethodResponse(this, `method-response-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: method.httpMethod,
      statusCode: status,
      responseParameters: Object.fromEntries(Object.keys(headers).map((h) => [h, true])),
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(this, `integration-response-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: method.httpMethod,
      statusCode: status,
      responseParameters: headers,
      responseTemplates,
      dependsOn: [integration, methodResponse],
    });
    this.deploymentInputs.push(integration, methodResponse, integrationResponse);
  }

  private corsPreflight(path: string, spec: AccessSpec): void {
    const cors = spec.cors;
    const resourceId = this.resourceFor(path);
    const id = routeId("OPTIONS", path);
    const method = new ApiGatewayMethod(this, `method-${id}`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: "OPTIONS",
      // Browsers send preflights without credentials; the actual request is authorized.
      authorization: "NONE",
      apiKeyRequired: false,
    });
    this.deploymentInputs.push(method);
    const allowedMethods = spec.routes.filter((r) => r.path === path).map((r) => r.method);
    const quote = (v: string): string => `'${v}'`;
    this.mock(
      id,
      resourceId,
      method,
      "200",
      { "application/json": "" },
      {
        "method.response.header.Access-Control-Allow-Origin": quote((cors?.allowOrigins ?? ["*"]).join(",")),
        "method.response.header.Access-Control-Allow-Methods": quote([...allowedMethods, "OPTIONS"].join(",")),
        "method.response.header.Access-Control-Allow-Headers": quote((cors?.allowHeaders ?? ["Authorization", "Content-Type"]).join(",")),
        "method.response.header.Access-Control-Max-Age": quote(String(cors?.maxAgeSeconds ?? 600)),
      },
    );
  }
}
