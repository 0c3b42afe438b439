// `npm run deploy:local`'s decisions, from the stack JSON alone: the loopback-only endpoint, the override that
// points every provider configuration at it, the refusal of types no local endpoint covers, what is left out of the
// apply (and why), and the local invoke URL.
import {
  appliedCounts,
  applyScope,
  countByType,
  destroyedCount,
  destroySteps,
  isLoopbackEndpoint,
  LOCAL_ENDPOINT_SERVICES,
  localEndpointOverride,
  localInvokeUrl,
  localStatePath,
  motoListeningPort,
  NOT_DESTROYED_BY_MOTO,
  NOT_SERVED_BY_MOTO,
  serviceOf,
  typesWithoutLocalEndpoint,
} from "../../cli/private/local-deploy";

describe("isLoopbackEndpoint", () => {
  test.each(["http://127.0.0.1:5000", "http://127.0.0.1:5000/", "https://localhost:4566", "http://[::1]:5000", "http://127.1.2.3:80"])(
    "GIVEN %s THEN it is local",
    (url) => expect(isLoopbackEndpoint(url)).toBe(true),
  );

  test.each([
    "https://apigateway.eu-west-1.amazonaws.com",
    "http://10.0.0.5:5000",
    "http://0.0.0.0:5000",
    "http://127.0.0.1.nip.io:5000",
    "http://localhost.example.com",
    "http://user:pw@127.0.0.1:5000",
    "ftp://127.0.0.1",
    "127.0.0.1:5000",
    "",
    "http://128.0.0.1",
    "http://127.0.0.256",
  ])("GIVEN %s THEN it is not (refused)", (url) => expect(isLoopbackEndpoint(url)).toBe(false));
});

describe("GIVEN a stack with a default and a us-east-1 aliased provider", () => {
  const stack = { provider: { aws: [{ region: "eu-west-1" }, { alias: "us_east_1", region: "us-east-1" }] } };
  const override = localEndpointOverride(stack, "http://127.0.0.1:5000/", "/s/127.0.0.1-5000/x.tfstate") as {
    provider: { aws: Record<string, unknown>[] };
    terraform: unknown;
  };

  test("WHEN the override is built THEN both configurations point every service at the endpoint, with placeholders and skip flags", () => {
    expect(override.provider.aws.map((p) => p.alias)).toEqual([undefined, "us_east_1"]);
    for (const p of override.provider.aws) {
      expect(p).toMatchObject({
        access_key: "local-endpoint-placeholder",
        skip_credentials_validation: true,
        skip_requesting_account_id: false,
        s3_use_path_style: true,
      });
      const [endpoints] = p.endpoints as Record<string, string>[];
      expect(Object.keys(endpoints).sort()).toEqual([...LOCAL_ENDPOINT_SERVICES]);
      expect(new Set(Object.values(endpoints))).toEqual(new Set(["http://127.0.0.1:5000"]));
    }
    expect(override.terraform).toEqual({ backend: { local: { path: "/s/127.0.0.1-5000/x.tfstate" } } });
  });

  test("THEN the endpoints cover every service the brief names, and STS", () => {
    for (const s of [
      "apigateway",
      "apigatewayv2",
      "cognitoidp",
      "cognitoidentity",
      "iam",
      "lambda",
      "wafv2",
      "sts",
      "logs",
      "cloudwatchlogs",
      "ssm",
      "cloudfront",
      "s3",
      "kms",
      "acm",
    ])
      expect(LOCAL_ENDPOINT_SERVICES).toContain(s);
  });

  test("WHEN the endpoint is not loopback THEN no override is built", () => {
    expect(() => localEndpointOverride(stack, "https://lambda.us-east-1.amazonaws.com", "/s")).toThrow(
      "refusing a non-loopback endpoint: https://lambda.us-east-1.amazonaws.com",
    );
  });
});

describe("resource types and their endpoints", () => {
  test("GIVEN the sample's types THEN each has an endpoint service", () => {
    expect(serviceOf("aws_cognito_identity_pool_roles_attachment")).toBe("cognitoidentity");
    expect(serviceOf("aws_cognito_user_pool_client")).toBe("cognitoidp");
    expect(serviceOf("aws_api_gateway_method")).toBe("apigateway");
    expect(serviceOf("aws_apigatewayv2_route")).toBe("apigatewayv2");
    expect(serviceOf("aws_cloudwatch_log_group")).toBe("logs");
  });

  test("GIVEN a stack with a type no endpoint covers (a resource and a data source) THEN both are named, so the stack is refused", () => {
    const stack = { resource: { aws_lambda_function: {}, aws_dynamodb_table: {} }, data: { aws_caller_identity: {} } };
    expect(typesWithoutLocalEndpoint(stack)).toEqual(["aws_caller_identity", "aws_dynamodb_table"]);
  });
});

describe("GIVEN a stack with a type moto does not serve, a resource referencing it, and one referencing that", () => {
  const stack = {
    resource: {
      aws_cloudfront_cache_policy: { policy: { name: "p" } },
      aws_cloudfront_distribution: { dist: { default_cache_behavior: [{ cache_policy_id: "${aws_cloudfront_cache_policy.policy.id}" }] } },
      aws_ssm_parameter: { after: { value: "x", depends_on: ["aws_cloudfront_distribution.dist"] } },
      aws_lambda_function: { fn: { function_name: "f" } },
      aws_lambda_permission: { perm: { function_name: "${aws_lambda_function.fn.function_name}" } },
    },
  };

  test("WHEN the apply scope is chosen THEN all three are left out with their reason and the rest are the targets", () => {
    const scope = applyScope(stack, NOT_SERVED_BY_MOTO);
    expect(scope.excluded).toEqual([
      { address: "aws_cloudfront_cache_policy.policy", reason: NOT_SERVED_BY_MOTO.aws_cloudfront_cache_policy },
      { address: "aws_cloudfront_distribution.dist", reason: "references aws_cloudfront_cache_policy.policy, which is left out" },
      { address: "aws_ssm_parameter.after", reason: "references aws_cloudfront_distribution.dist, which is left out" },
    ]);
    expect(scope.targets).toEqual(["aws_lambda_function.fn", "aws_lambda_permission.perm"]);
  });

  test("WHEN nothing is unserved THEN there are no targets (everything is applied)", () => {
    expect(applyScope(stack, {})).toEqual({ targets: [], excluded: [] });
  });
});

describe("what the command reads back and prints", () => {
  test("GIVEN a stage invoke URL THEN moto's URL for it is /restapis/<id>/<stage>/_user_request_", () => {
    expect(localInvokeUrl("https://abc123.execute-api.eu-west-1.amazonaws.com/dev", "http://127.0.0.1:5000/")).toBe(
      "http://127.0.0.1:5000/restapis/abc123/dev/_user_request_",
    );
    expect(localInvokeUrl("https://d111.cloudfront.net", "http://127.0.0.1:5000")).toBeUndefined();
  });

  test("GIVEN moto's start-up lines THEN the port is read, and not before it is printed", () => {
    expect(motoListeningPort("WARNING: dev server\n * Running on http://127.0.0.1:37065\nPress CTRL+C")).toBe(37065);
    expect(motoListeningPort("WARNING: dev server\n")).toBeUndefined();
  });

  test("GIVEN terraform's summary and state list THEN the counts", () => {
    expect(appliedCounts("...\nApply complete! Resources: 116 added, 0 changed, 0 destroyed.\n")).toEqual({ added: 116, changed: 0, destroyed: 0 });
    expect(appliedCounts("Error: x")).toBeUndefined();
    expect(destroyedCount("Destroy complete! Resources: 114 destroyed.\n")).toBe(114);
    expect(destroyedCount("Error: x")).toBeUndefined();
    expect(countByType("aws_iam_role.a\naws_iam_role.b\ndata.aws_region.r\naws_api_gateway_method.m\n")).toEqual([
      ["aws_api_gateway_method", 1],
      ["aws_iam_role", 2],
    ]);
  });

  test("GIVEN two endpoints THEN their states never share a file", () => {
    expect(localStatePath("/s", "http://127.0.0.1:5000", "petstore-dev")).toBe("/s/127.0.0.1-5000/petstore-dev.tfstate");
    expect(localStatePath("/s", "http://[::1]:5001", "petstore-dev")).toBe("/s/___1_-5001/petstore-dev.tfstate");
  });
});

describe("GIVEN a state holding a usage plan and a resource server (which moto cannot destroy through the provider) and others", () => {
  const resource = (type: string, values: Record<string, unknown>, mode = "managed"): Record<string, unknown> => ({ address: `${type}.x`, mode, type, values });
  const state = {
    values: {
      root_module: {
        resources: [
          resource("aws_api_gateway_usage_plan", { id: "up1", arn: "arn:aws:apigateway:eu-west-1::/usageplans/up1" }),
          resource("aws_api_gateway_usage_plan_key", { id: "k1" }),
          resource("aws_cognito_resource_server", { id: "pool|petstore" }),
          resource("aws_lambda_function", { id: "f", arn: "arn:aws:lambda:us-east-1:123456789012:function:f" }),
        ],
      },
    },
  };

  test("WHEN the destroy steps are chosen THEN the usage plan is deleted directly (id, region of its ARN) and the resource server goes with its pool", () => {
    expect(destroySteps(state, NOT_DESTROYED_BY_MOTO)).toEqual([
      { address: "aws_api_gateway_usage_plan.x", type: "aws_api_gateway_usage_plan", handling: "delete-directly", id: "up1", region: "eu-west-1" },
      { address: "aws_cognito_resource_server.x", type: "aws_cognito_resource_server", handling: "goes-with-parent" },
    ]);
  });

  test("WHEN the usage plan has no ARN to read the region from THEN it is an error, not a resource left behind", () => {
    const bad = { values: { root_module: { resources: [resource("aws_api_gateway_usage_plan", { id: "up1" })] } } };
    expect(() => destroySteps(bad, NOT_DESTROYED_BY_MOTO)).toThrow("aws_api_gateway_usage_plan.x: no id or regional ARN in the state to delete it by");
  });

  test("WHEN the state is empty THEN there are no steps", () => {
    expect(destroySteps({ values: {} }, NOT_DESTROYED_BY_MOTO)).toEqual([]);
    expect(destroySteps({}, NOT_DESTROYED_BY_MOTO)).toEqual([]);
  });
});
