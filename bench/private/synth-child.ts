// One measured synth in a fresh process (so peak RSS is this synth's alone). Prints one JSON line.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethodResponse } from "@cdktf/provider-aws/lib/api-gateway-method-response";
import { ApiGatewayIntegrationResponse } from "@cdktf/provider-aws/lib/api-gateway-integration-response";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { AccessStack } from "../../stacks/access-stack";
import { sampleSpecs } from "../../access-spec/samples/petstore";
import { validateSpec } from "../../access-spec/validate";
import { generatedSpec } from "./generated-spec";

const mode = process.argv[2] ?? "sample";
const routes = Number(process.argv[3] ?? "500");
const started = process.hrtime.bigint();
const app = new App({ outdir: join(mkdtempSync(join(tmpdir(), "bench-synth-")), "cdktf.out") });

if (mode === "sample") {
  for (const [name, spec] of Object.entries(sampleSpecs)) {
    validateSpec(spec, "sample");
    new AccessStack(app, name, { spec });
  }
} else if (mode === "spec") {
  const spec = generatedSpec(routes);
  validateSpec(spec, "generated");
  new AccessStack(app, "bench", { spec });
} else {
  // The same methods built directly with provider constructs: no spec, no validation, no Lambdas.
  const stack = new TerraformStack(app, "baseline");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const api = new ApiGatewayRestApi(stack, "api", { name: "baseline" });
  const authorizer = new ApiGatewayAuthorizer(stack, "cognito", {
    name: "cognito",
    restApiId: api.id,
    type: "COGNITO_USER_POOLS",
    providerArns: ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_x"],
  });
  const parents = new Map<string, string>();
  for (let i = 0; i < routes; i++) {
    const top = `r${Math.floor(i / 10)}`;
    let parentId = parents.get(top);
    if (parentId === undefined) {
      parentId = new ApiGatewayResource(stack, `res-${top}`, { restApiId: api.id, parentId: api.rootResourceId, pathPart: top }).id;
      parents.set(top, parentId);
    }
    const resource = new ApiGatewayResource(stack, `res-${i}`, { restApiId: api.id, parentId, pathPart: `item${i % 10}` });
    const method = new ApiGatewayMethod(stack, `m-${i}`, {
      restApiId: api.id,
      resourceId: resource.id,
      httpMethod: "GET",
      authorization: "COGNITO_USER_POOLS",
      authorizerId: authorizer.id,
      authorizationScopes: ["petstore/read"],
    });
    const integration = new ApiGatewayIntegration(stack, `i-${i}`, {
      restApiId: api.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: "MOCK",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
    });
    const response = new ApiGatewayMethodResponse(stack, `mr-${i}`, {
      restApiId: api.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      statusCode: "200",
    });
    new ApiGatewayIntegrationResponse(stack, `ir-${i}`, {
      restApiId: api.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      statusCode: "200",
      dependsOn: [integration, response],
    });
  }
}
app.synth();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(`${JSON.stringify({ mode, routes, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
