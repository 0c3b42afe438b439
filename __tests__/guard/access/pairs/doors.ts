// Doors to the backend that skip the API's routes or come beside them: function URLs, Lambda
// permissions, IAM users and groups, a CloudFront distribution with a literal execute-api origin, a custom domain
// mapping, and a new route weaker than its neighbours to the same backend. Each widening has a harmless twin: the
// same resource scoped to the configuration's own API, as strong as the routes the backend already had, or, on a
// function no integration reaches, a door that admits no one outside IAM or a service scoped to its source (a door
// there that admits anyone or any AWS account is an endpoint of its own and is reported).
import { method, type Doc, type Json } from "../../review/fixtures/pairs";
import type { AccessPair } from "./types";

const BACKEND = "aws_lambda_function.fn-backend_function_39B17E9A";
const API = "aws_api_gateway_rest_api.api_4F59AA66";
const STAGE = "aws_api_gateway_stage.stage_59CE5186";
const NAMES = "`petstore-dev-backend`";
/** An execution ARN of an API that is none of the configuration's. */
const OTHER_API_SOURCE = "arn:aws:execute-api:us-east-1:123456789012:zz9otherapi/*/GET/pets";

const put = (d: Doc, type: string, name: string, body: Json): void => {
  d.resource[type] = { ...(d.resource[type] ?? {}), [name]: body };
};

/** A function no integration reaches (a copy of the backend under another name): a target only when a door opens it. */
const sideFunction = (d: Doc): void => {
  const fn = d.resource["aws_lambda_function"]["fn-backend_function_39B17E9A"] as Json;
  put(d, "aws_lambda_function", "side", { ...fn, function_name: "petstore-dev-side" });
};

const url = (d: Doc, fn: string, auth: "NONE" | "AWS_IAM"): void =>
  put(d, "aws_lambda_function_url", "url", { function_name: `\${${fn}.function_name}`, authorization_type: auth });

const permission = (d: Doc, fn: string, body: Json): void =>
  put(d, "aws_lambda_permission", "extra", { action: "lambda:InvokeFunction", function_name: `\${${fn}.function_name}`, ...body });

const REPORTS_INVOKE = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: `\${${API}.execution_arn}/*/GET/reports/*` }],
});
const S3_ONLY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::petstore-exports/*" }],
});

const user = (d: Doc, policy: string): void => {
  put(d, "aws_iam_user", "deploy", { name: "deploy-bot" });
  put(d, "aws_iam_user_policy", "deploy", { user: "${aws_iam_user.deploy.name}", policy });
};

const group = (d: Doc): void => {
  put(d, "aws_iam_user", "alice", { name: "alice" });
  put(d, "aws_iam_group", "ops", { name: "ops" });
  put(d, "aws_iam_group_membership", "ops", { name: "ops-members", group: "${aws_iam_group.ops.name}", users: ["${aws_iam_user.alice.name}"] });
  put(d, "aws_iam_group_policy", "ops", { group: "${aws_iam_group.ops.name}", policy: REPORTS_INVOKE });
};

const distribution = (d: Doc, domain: string): void =>
  put(d, "aws_cloudfront_distribution", "second", {
    enabled: true,
    comment: "second front",
    origin: [
      {
        domain_name: domain,
        origin_id: "api",
        origin_path: "/dev",
        custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
      },
    ],
    default_cache_behavior: {
      allowed_methods: ["GET", "HEAD"],
      cached_methods: ["GET", "HEAD"],
      target_origin_id: "api",
      viewer_protocol_policy: "redirect-to-https",
      cache_policy_id: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    },
    restrictions: { geo_restriction: { restriction_type: "none" } },
    web_acl_id: "arn:aws:wafv2:us-east-1:111111111111:global/webacl/edge/abc",
    viewer_certificate: {
      acm_certificate_arn: "arn:aws:acm:us-east-1:111111111111:certificate/abc",
      minimum_protocol_version: "TLSv1.2_2021",
      ssl_support_method: "sni-only",
    },
  });

const domain = (d: Doc, mapped: boolean): void => {
  put(d, "aws_api_gateway_domain_name", "public", {
    domain_name: "api.petstore.example.com",
    regional_certificate_arn: "arn:aws:acm:us-east-1:111111111111:certificate/abc",
    endpoint_configuration: { types: ["REGIONAL"] },
  });
  if (mapped)
    put(d, "aws_api_gateway_base_path_mapping", "public", {
      api_id: `\${${API}.id}`,
      stage_name: `\${${STAGE}.stage_name}`,
      domain_name: "${aws_api_gateway_domain_name.public.domain_name}",
    });
};

/** A new route GET /search to the backend, with the given authorization (a copy of GET /pets). */
const searchRoute = (d: Doc, edit: (m: Json) => void): void => {
  const get = method(d, "GET", "/pets");
  put(d, "aws_api_gateway_resource", "search", { parent_id: `\${${API}.root_resource_id}`, path_part: "search", rest_api_id: `\${${API}.id}` });
  const m: Json = { ...get, resource_id: "${aws_api_gateway_resource.search.id}" };
  edit(m);
  put(d, "aws_api_gateway_method", "search", m);
  const integration = Object.values(d.resource["aws_api_gateway_integration"]).find((i) => String(i["http_method"]).includes("api_method-GET-pets_")) as Json;
  put(d, "aws_api_gateway_integration", "search", {
    ...integration,
    http_method: "${aws_api_gateway_method.search.http_method}",
    resource_id: "${aws_api_gateway_resource.search.id}",
  });
  put(d, "aws_lambda_permission", "search", {
    action: "lambda:InvokeFunction",
    function_name: `\${${BACKEND}.function_name}`,
    principal: "apigateway.amazonaws.com",
    source_arn: `\${${API}.execution_arn}/*/GET/search`,
  });
};

/** Both sides: GET /profile requires petstore/read too, so every COGNITO route to the backend requires a scope. */
const scopedProfile = (d: Doc): void => void (method(d, "GET", "/profile")["authorization_scopes"] = ["petstore/read"]);

export const DOOR_PAIRS: Readonly<Record<string, AccessPair>> = {
  "door-function-url-none": {
    env: "dev",
    description: "a function URL with authorization_type NONE on the backend",
    mutate: (d) => url(d, BACKEND, "NONE"),
    blocking: ["door-added"],
    names: `backend ${NAMES}`,
    check: ["backend-doors-intended"],
  },
  "door-function-url-none-side-function": {
    env: "dev",
    description: "the same function URL on a function no integration reaches: an endpoint open to anyone without any API",
    mutate: (d) => {
      sideFunction(d);
      url(d, "aws_lambda_function.side", "NONE");
    },
    blocking: ["door-added"],
    names: "function `petstore-dev-side` new door function URL (NONE): anyone on the internet",
    check: ["backend-doors-intended"],
  },
  "door-function-url-iam-side-function": {
    env: "dev",
    description: "twin: an AWS_IAM function URL on a function no integration reaches (no API in front, no one outside IAM)",
    mutate: (d) => {
      sideFunction(d);
      url(d, "aws_lambda_function.side", "AWS_IAM");
    },
    blocking: [],
    check: [],
  },
  "door-permission-star-side-function": {
    env: "dev",
    description: "a Lambda permission for principal * on a function no integration reaches: any AWS account invokes it",
    mutate: (d) => {
      sideFunction(d);
      permission(d, "aws_lambda_function.side", { principal: "*" });
    },
    blocking: ["door-added"],
    names: "any AWS principal in any account",
    check: ["backend-doors-intended"],
  },
  "door-permission-service-side-function": {
    env: "dev",
    description: "twin: a Lambda permission for a service scoped to its source on a function no integration reaches",
    mutate: (d) => {
      sideFunction(d);
      permission(d, "aws_lambda_function.side", { principal: "events.amazonaws.com", source_arn: "arn:aws:events:eu-west-1:123456789012:rule/nightly" });
    },
    blocking: [],
    check: [],
  },
  "door-function-url-iam-star": {
    env: "dev",
    description: "an AWS_IAM function URL on the backend with a permission for principal *",
    mutate: (d) => {
      url(d, BACKEND, "AWS_IAM");
      permission(d, BACKEND, { action: "lambda:InvokeFunctionUrl", principal: "*", function_url_auth_type: "AWS_IAM" });
    },
    blocking: ["door-added"],
    names: "any AWS principal in any account",
    check: ["backend-doors-intended"],
  },
  "door-function-url-auth-unknown": {
    env: "dev",
    description: "an AWS_IAM function URL on the backend (both sides) whose authorization_type becomes a variable",
    both: (d) => url(d, BACKEND, "AWS_IAM"),
    mutate: (d) => void ((d.resource["aws_lambda_function_url"] as Record<string, Json>)["url"]!["authorization_type"] = "${var.url_auth}"),
    blocking: ["door-not-verified"],
    names: "cannot be read any more",
    check: ["backend-doors-intended"],
  },
  "door-permission-no-source": {
    env: "dev",
    description: "aws_lambda_permission for API Gateway on the backend without source_arn",
    mutate: (d) => permission(d, BACKEND, { principal: "apigateway.amazonaws.com" }),
    blocking: ["door-added"],
    names: "any API Gateway API of any AWS account (no source_arn) and whoever it admits",
    check: ["backend-doors-intended"],
  },
  "door-permission-own-api": {
    env: "dev",
    description: "twin: a permission for API Gateway on the backend scoped to the configuration's own API",
    mutate: (d) => permission(d, BACKEND, { principal: "apigateway.amazonaws.com", source_arn: `\${${API}.execution_arn}/*/GET/pets` }),
    blocking: [],
    check: [],
  },
  "door-permission-wildcard-source": {
    env: "dev",
    description: "a permission on the backend whose source_arn is any API of any account",
    mutate: (d) => permission(d, BACKEND, { principal: "apigateway.amazonaws.com", source_arn: "arn:aws:execute-api:*:*:*/*/*/*" }),
    blocking: ["door-added"],
    names: "any API Gateway API of any AWS account (source arn:aws:execute-api:*:*:*/*/*/*)",
    check: ["backend-doors-intended"],
  },
  "door-permission-other-api": {
    env: "dev",
    description: "a permission on the backend for an API that is none of this configuration's (a literal API id): a door of that API",
    mutate: (d) => permission(d, BACKEND, { principal: "apigateway.amazonaws.com", source_arn: OTHER_API_SOURCE }),
    blocking: ["door-added"],
    names: "not verified (API zz9otherapi of account 123456789012 is no API of this configuration: who it admits is not seen here)",
    check: ["backend-doors-intended"],
  },
  "door-permission-other-api-any-id": {
    env: "dev",
    description: "a permission on the backend for any API of one account (a wildcard API id)",
    mutate: (d) => permission(d, BACKEND, { principal: "apigateway.amazonaws.com", source_arn: "arn:aws:execute-api:us-east-1:123456789012:*/*/*/*" }),
    blocking: ["door-added"],
    names: "any API matching arn:aws:execute-api:us-east-1:123456789012:*/*/*/* of account 123456789012 is no API of this configuration",
    check: ["backend-doors-intended"],
  },
  "door-permission-other-api-side-function": {
    env: "dev",
    description: "the same permission for another API on a function no API of the plan reaches: that API's door, who it admits not seen",
    mutate: (d) => {
      sideFunction(d);
      permission(d, "aws_lambda_function.side", { principal: "apigateway.amazonaws.com", source_arn: OTHER_API_SOURCE });
    },
    blocking: ["door-added"],
    names: "function `petstore-dev-side` new door Lambda permission aws_lambda_permission.extra",
    check: ["backend-doors-intended"],
  },
  "door-permission-no-source-side-function": {
    env: "dev",
    description: "a permission for API Gateway without source_arn on a function no API of the plan reaches: any account's API integrates it",
    mutate: (d) => {
      sideFunction(d);
      permission(d, "aws_lambda_function.side", { principal: "apigateway.amazonaws.com" });
    },
    blocking: ["door-added"],
    names: "any API Gateway API of any AWS account (no source_arn)",
    check: ["backend-doors-intended"],
  },
  "door-permission-own-api-side-function": {
    env: "dev",
    description: "twin: a permission on a function no route reaches, scoped to the configuration's own API (its plumbing, no door)",
    mutate: (d) => {
      sideFunction(d);
      permission(d, "aws_lambda_function.side", { principal: "apigateway.amazonaws.com", source_arn: `\${${API}.execution_arn}/*/GET/pets` });
    },
    blocking: [],
    check: [],
  },
  "door-permission-other-account": {
    env: "dev",
    description: "a permission on the backend for another account",
    mutate: (d) => permission(d, BACKEND, { principal: "999999999999" }),
    blocking: ["door-added"],
    names: "account 999999999999",
    check: ["backend-doors-intended"],
  },
  "door-permission-org-only": {
    env: "dev",
    description: "a permission on the backend for * narrowed only by principal_org_id",
    mutate: (d) => permission(d, BACKEND, { principal: "*", principal_org_id: "o-abc123" }),
    blocking: ["door-added"],
    names: "organisation o-abc123",
    check: ["backend-doors-intended"],
  },
  "door-iam-user-invoke": {
    env: "dev",
    description: "an IAM user granted execute-api:Invoke on GET /reports/* by a user policy",
    mutate: (d) => user(d, REPORTS_INVOKE),
    blocking: ["door-widened"],
    names: "IAM user deploy-bot",
    check: ["backend-doors-intended"],
  },
  "door-iam-user-s3-only": {
    env: "dev",
    description: "twin: the same IAM user granted only s3:GetObject",
    mutate: (d) => user(d, S3_ONLY),
    blocking: [],
    check: [],
  },
  "door-iam-group-members-invoke": {
    env: "dev",
    description: "an IAM group with a member, granted execute-api:Invoke on GET /reports/* by a group policy",
    mutate: group,
    blocking: ["door-widened"],
    names: "IAM group ops (members: alice)",
    check: ["backend-doors-intended"],
  },
  "door-cloudfront-literal-origin": {
    env: "dev",
    description: "a CloudFront distribution whose origin is a literal execute-api domain, without the edge verifier",
    mutate: (d) => distribution(d, "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"),
    blocking: ["door-added"],
    names: "no edge verifier",
    check: ["backend-doors-intended"],
  },
  "door-cloudfront-other-origin": {
    env: "dev",
    description: "twin: the same distribution in front of a static site",
    mutate: (d) => distribution(d, "static.petstore.example.com"),
    blocking: [],
    check: [],
  },
  "door-custom-domain-mapping": {
    env: "dev",
    description: "a custom domain with a base path mapping exposing the stage",
    mutate: (d) => domain(d, true),
    blocking: ["door-added"],
    names: "custom domain api.petstore.example.com",
    check: ["backend-doors-intended"],
  },
  "door-custom-domain-unmapped": {
    env: "dev",
    description: "twin: the custom domain without a mapping",
    mutate: (d) => domain(d, false),
    blocking: [],
    check: [],
  },
  "door-route-weaker-than-neighbours": {
    env: "dev",
    description: "a new route GET /search to the backend with an API key only",
    mutate: (d) =>
      searchRoute(d, (m) => {
        m["authorization"] = "NONE";
        m["api_key_required"] = true;
        delete m["authorizer_id"];
        delete m["authorization_scopes"];
      }),
    blocking: ["new-public-route", "door-weaker-route"],
    names: "GET /search",
    check: ["api-key-is-not-authentication", "method-matches-policy"],
  },
  "door-route-as-strong": {
    env: "dev",
    description: "twin: the same new route with GET /pets's Cognito authorizer and scope",
    mutate: (d) => searchRoute(d, () => undefined),
    blocking: [],
    // The check asks the policy to name the new route and the deployment to redeploy on it; the review is quiet.
    check: ["method-matches-policy", "deployment-redeploys-on-auth-change"],
  },
  "door-route-id-tokens-beside-scoped": {
    env: "dev",
    description: "every COGNITO route to the backend requires a scope; a new COGNITO route requires none (any ID token)",
    both: scopedProfile,
    mutate: (d) => searchRoute(d, (m) => delete m["authorization_scopes"]),
    blocking: ["door-weaker-route"],
    names: "requires no scope",
    check: ["method-matches-policy", "deployment-redeploys-on-auth-change"],
  },
  "door-route-scope-beyond-neighbours": {
    env: "dev",
    description: "a new COGNITO route to the backend also admits a scope no route to it admitted (API Gateway: any one listed scope)",
    both: (d) => {
      scopedProfile(d);
      const server = Object.values(d.resource["aws_cognito_resource_server"])[0] as Json;
      server["scope"] = [...(server["scope"] as Json[]), { scope_name: "export", scope_description: "Export everything" }];
    },
    mutate: (d) => searchRoute(d, (m) => void (m["authorization_scopes"] = ["petstore/read", "petstore/export"])),
    blocking: ["door-weaker-route"],
    names: "scope petstore/export",
    check: ["method-matches-policy", "deployment-redeploys-on-auth-change"],
  },
  "door-route-scopes-within-neighbours": {
    env: "dev",
    description: "twin: a new COGNITO route requiring petstore/read or petstore/write (a superset of GET /pets's, each accepted by a neighbour)",
    both: scopedProfile,
    mutate: (d) => searchRoute(d, (m) => void (m["authorization_scopes"] = ["petstore/read", "petstore/write"])),
    blocking: [],
    check: ["method-matches-policy", "deployment-redeploys-on-auth-change"],
  },
};
