// A `terraform show -json` state (what `npm run audit` writes from a live account) carries no references: links are
// made by value, and ARNs are literals. A resource matched by two of its own attributes is that one resource; a
// grant naming a literal stage reaches that stage's routes; a Deny written as a literal ARN narrows a literal grant;
// a trust naming a role of the same state by ARN is that role, followed as a reference is.
import { modelFromDocument } from "../../../guard/load";
import { iamAccess } from "../../../guard/access/iam";
import { ExecuteApiInvokeScoped } from "../../../guard/rules/iam/execute-api-invoke-scoped";
import { IamInvokerTrust } from "../../../guard/rules/iam/iam-invoker-trust";

const res = (type: string, name: string, values: Record<string, unknown>) => ({ address: `${type}.${name}`, mode: "managed", type, name, values });
const ACCOUNT = "111122223333";
const API = `arn:aws:execute-api:eu-west-1:${ACCOUNT}:api1`;
const NO_POLICY = { policies: [] };

test("GIVEN a state whose attachment names a policy by ARN and a role by name THEN the policy applies to that role", () => {
  const arn = `arn:aws:iam::${ACCOUNT}:policy/invoke`;
  const doc = {
    format_version: "1.0",
    values: {
      root_module: {
        resources: [
          res("aws_iam_role", "r", { id: "reporting", name: "reporting", arn: `arn:aws:iam::${ACCOUNT}:role/reporting`, assume_role_policy: "{}" }),
          res("aws_iam_policy", "p", { id: arn, arn, name: "invoke", policy: '{"Version":"2012-10-17","Statement":[]}' }),
          res("aws_iam_role_policy_attachment", "a", { id: "reporting-invoke", role: "reporting", policy_arn: arn }),
        ],
      },
    },
  };
  const managed = modelFromDocument(doc, "state.json").iamPolicies.find((p) => p.kind === "managed");
  expect(managed?.roleAddresses).toEqual(["aws_iam_role.r"]);
});

/** An AWS_IAM route GET /reports/{id} on stage dev, and the role `invoker` granted it with literal ARNs. */
function invokeState(o: { deny: boolean; assumer: string }) {
  const statements = [
    { Effect: "Allow", Action: "execute-api:Invoke", Resource: `${API}/dev/GET/reports/*` },
    ...(o.deny ? [{ Effect: "Deny", Action: "execute-api:Invoke", Resource: `${API}/dev/GET/reports/*/*` }] : []),
  ];
  const trust = (principal: Record<string, string>) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });
  return {
    format_version: "1.0",
    values: {
      root_module: {
        resources: [
          res("aws_api_gateway_rest_api", "api", { id: "api1", name: "shop", root_resource_id: "root", execution_arn: API }),
          res("aws_api_gateway_resource", "reports", { id: "r1", rest_api_id: "api1", parent_id: "root", path_part: "reports", path: "/reports" }),
          res("aws_api_gateway_resource", "id", { id: "r2", rest_api_id: "api1", parent_id: "r1", path_part: "{id}", path: "/reports/{id}" }),
          res("aws_api_gateway_method", "get", {
            rest_api_id: "api1",
            resource_id: "r2",
            http_method: "GET",
            authorization: "AWS_IAM",
            api_key_required: false,
          }),
          res("aws_api_gateway_stage", "dev", { id: "ags-api1-dev", rest_api_id: "api1", stage_name: "dev", deployment_id: "d1" }),
          res("aws_iam_role", "backend", {
            id: "backend",
            name: "backend",
            arn: `arn:aws:iam::${ACCOUNT}:role/backend`,
            assume_role_policy: trust({ Service: "lambda.amazonaws.com" }),
          }),
          res("aws_iam_role", "invoker", {
            id: "invoker",
            name: "invoker",
            arn: `arn:aws:iam::${ACCOUNT}:role/invoker`,
            assume_role_policy: trust({ AWS: o.assumer }),
          }),
          res("aws_iam_role_policy", "invoke", {
            id: "invoker:invoke",
            name: "invoke",
            role: "invoker",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
          }),
        ],
      },
    },
  };
}

describe("GIVEN an AWS_IAM route granted to a role with literal ARNs (as a state holds them)", () => {
  const model = modelFromDocument(invokeState({ deny: true, assumer: `arn:aws:iam::${ACCOUNT}:role/backend` }), "state.json");

  test("THEN the grant on stage dev reaches the route: the role is among its invokers", () => {
    const route = iamAccess(model).routes.find((r) => r.route.routeKey === "GET /reports/{id}");
    expect(route?.roles.map((x) => x.role.name)).toEqual(["invoker"]);
  });

  test("THEN the Deny written as a literal ARN covers the deeper paths: execute-api-invoke-scoped is quiet", () => {
    expect(ExecuteApiInvokeScoped.check(model, NO_POLICY)).toEqual([]);
  });

  test("THEN a trust naming a role of the state by ARN follows that role (assumed by a service): iam-invoker-trust is quiet", () => {
    expect(IamInvokerTrust.check(model, NO_POLICY)).toEqual([]);
  });

  test("WHEN the Deny is missing THEN the deeper paths are reported, naming the literal ARN to deny", () => {
    const open = modelFromDocument(invokeState({ deny: false, assumer: `arn:aws:iam::${ACCOUNT}:role/backend` }), "state.json");
    expect(ExecuteApiInvokeScoped.check(open, NO_POLICY)).toEqual([
      expect.objectContaining({ message: expect.stringContaining(`deny "${API}/dev/GET/reports/*/*"`) }),
    ]);
  });

  test("WHEN the trust names a role of another account THEN iam-invoker-trust reports it", () => {
    const foreign = modelFromDocument(invokeState({ deny: true, assumer: "arn:aws:iam::999988887777:role/backend" }), "state.json");
    expect(IamInvokerTrust.check(foreign, NO_POLICY)).toEqual([
      expect.objectContaining({ message: expect.stringContaining("assumable by role/backend in account 999988887777") }),
    ]);
  });
});
