// The loader: cdk.tf.json, terraform plan JSON (after / before sides), cdktf.out directories, bad input.
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError, loadModel, modelFromDocument } from "../../guard/load";
import { isUnknown, summarizeChanges } from "../../guard/model";

const FIX = join(__dirname, "fixtures");
const tmp = () => mkdtempSync(join(tmpdir(), "guard-load-"));

const api = { aws_api_gateway_rest_api: { api: { name: "x-dev" } } };
const ref = (s: string) => "${" + s + "}";

describe("loadModel on cdk.tf.json", () => {
  test("GIVEN nested resources and a root method THEN routes are rebuilt from the parent chain", () => {
    const m = loadModel(join(FIX, "compliant.tf.json"));
    const keys = m.routes.map((r) => r.routeKey).sort();
    expect(keys).toEqual(["DELETE /items/{id}", "GET /", "GET /catalog", "GET /items", "GET /reports", "OPTIONS /items"]);
    const del = m.routes.find((r) => r.routeKey === "DELETE /items/{id}");
    expect(del?.authorizer?.name).toBe("jwt");
    expect(del?.apiName).toBe("shop-dev");
    expect(m.routes.find((r) => r.routeKey === "OPTIONS /items")?.integrationType).toBe("MOCK");
  });

  test("GIVEN a method whose resource does not exist THEN the route is unresolved, not guessed", () => {
    const m = modelFromDocument({
      resource: {
        ...api,
        aws_api_gateway_method: {
          m: {
            rest_api_id: ref("aws_api_gateway_rest_api.api.id"),
            resource_id: ref("aws_api_gateway_resource.gone.id"),
            http_method: "GET",
            authorization: "NONE",
          },
        },
      },
    });
    expect(m.routes[0].routeKey).toBeUndefined();
    expect(isUnknown(m.routes[0].path)).toBe(true);
    expect(m.unresolved[0].reason).toMatch(/aws_api_gateway_resource.gone.id, which is not in the configuration/);
  });

  test("GIVEN count on a method THEN each instance is modelled", () => {
    const m = modelFromDocument({
      resource: {
        ...api,
        aws_api_gateway_method: {
          m: {
            count: 2,
            rest_api_id: ref("aws_api_gateway_rest_api.api.id"),
            resource_id: ref("aws_api_gateway_rest_api.api.root_resource_id"),
            http_method: "GET",
            authorization: "NONE",
          },
        },
      },
    });
    expect(m.routes.map((r) => r.address)).toEqual(["aws_api_gateway_method.m[0]", "aws_api_gateway_method.m[1]"]);
  });

  test("GIVEN a policy JSON with interpolations THEN statements keep the template", () => {
    const m = loadModel(join(FIX, "compliant.tf.json"));
    const p = m.iamPolicies.find((x) => x.address === "aws_iam_role_policy.admins_invoke");
    expect(p !== undefined && !isUnknown(p.document) && p.document.statements[0].resources[0]).toBe(
      "${aws_api_gateway_rest_api.api.execution_arn}/${aws_api_gateway_stage.dev.stage_name}/GET/reports",
    );
  });
});

describe("loadModel on terraform plan JSON", () => {
  const m = loadModel(join(FIX, "plan-modules.json"));

  test("GIVEN modules, for_each and count THEN every method gets its route through module variables", () => {
    const byAddress = Object.fromEntries(m.routes.map((r) => [r.address, r.routeKey]));
    expect(byAddress).toEqual({
      "aws_api_gateway_method.many[0]": "GET /pets",
      "aws_api_gateway_method.many[1]": "POST /pets",
      "aws_api_gateway_method.root": "GET /",
      'module.m.aws_api_gateway_method.x["a"]': "GET /alpha",
      'module.m.aws_api_gateway_method.x["b"]': "GET /beta",
    });
    expect(m.unresolved).toEqual([]);
  });

  test("GIVEN ids unknown until apply THEN they are Unknown carrying the expression", () => {
    const method = m.resources.find((r) => r.address === "aws_api_gateway_method.root");
    const v = method?.values["rest_api_id"];
    expect(isUnknown(v) && v.expression).toBe("${aws_api_gateway_rest_api.api.id}");
  });

  test("GIVEN a plan THEN the change summary lists creates", () => {
    expect(summarizeChanges(m.changes).creates).toContain("aws_api_gateway_method.root");
  });

  const planWithState = {
    format_version: "1.2",
    planned_values: {
      root_module: {
        resources: [
          {
            address: "aws_api_gateway_rest_api.api",
            mode: "managed",
            type: "aws_api_gateway_rest_api",
            name: "api",
            values: { id: "a1", root_resource_id: "r0", name: "x-dev" },
          },
          {
            address: "aws_api_gateway_method.get",
            mode: "managed",
            type: "aws_api_gateway_method",
            name: "get",
            values: { rest_api_id: "a1", resource_id: "r0", http_method: "GET", authorization: "AWS_IAM" },
          },
        ],
      },
    },
    prior_state: {
      values: {
        root_module: {
          resources: [
            {
              address: "aws_api_gateway_rest_api.api",
              mode: "managed",
              type: "aws_api_gateway_rest_api",
              name: "api",
              values: { id: "a1", root_resource_id: "r0", name: "x-dev" },
            },
            {
              address: "aws_api_gateway_method.get",
              mode: "managed",
              type: "aws_api_gateway_method",
              name: "get",
              values: { rest_api_id: "a1", resource_id: "r0", http_method: "GET", authorization: "NONE" },
            },
            {
              address: "aws_api_gateway_method.old",
              mode: "managed",
              type: "aws_api_gateway_method",
              name: "old",
              values: { rest_api_id: "a1", resource_id: "r0", http_method: "POST", authorization: "NONE" },
            },
          ],
        },
      },
    },
    resource_changes: [
      { address: "aws_api_gateway_method.get", type: "aws_api_gateway_method", change: { actions: ["update"], after_unknown: {} } },
      { address: "aws_api_gateway_method.old", type: "aws_api_gateway_method", change: { actions: ["delete"] } },
      { address: "aws_api_gateway_rest_api.api", type: "aws_api_gateway_rest_api", change: { actions: ["no-op"] } },
    ],
  };

  test("GIVEN known ids and no configuration THEN references resolve by value; deleted resources are absent after", () => {
    const after = modelFromDocument(planWithState);
    expect(after.routes.map((r) => [r.routeKey, r.authorization])).toEqual([["GET /", "AWS_IAM"]]);
    expect(summarizeChanges(after.changes)).toEqual({
      creates: [],
      updates: ["aws_api_gateway_method.get"],
      deletes: ["aws_api_gateway_method.old"],
      replacements: [],
    });
  });

  test("GIVEN side before THEN the model is the prior state", () => {
    const before = modelFromDocument(planWithState, "p.json", { side: "before" });
    expect(before.side).toBe("before");
    expect(before.routes.map((r) => [r.routeKey, r.authorization]).sort()).toEqual([
      ["GET /", "NONE"],
      ["POST /", "NONE"],
    ]);
  });
});

describe("loadModel on directories and bad input", () => {
  test("GIVEN cdktf.out with two stacks, one with plan.json THEN both load and plan.json wins", () => {
    const dir = tmp();
    mkdirSync(join(dir, "stacks", "a"), { recursive: true });
    mkdirSync(join(dir, "stacks", "b"), { recursive: true });
    writeFileSync(join(dir, "stacks", "a", "cdk.tf.json"), JSON.stringify({ resource: api }));
    writeFileSync(join(dir, "stacks", "b", "cdk.tf.json"), "not even json");
    writeFileSync(join(dir, "stacks", "b", "plan.json"), JSON.stringify({ format_version: "1.2", planned_values: { root_module: {} } }));
    utimesSync(join(dir, "stacks", "b", "cdk.tf.json"), new Date(0), new Date(0));
    const m = loadModel(dir);
    expect(m.sources.map((s) => s.slice(dir.length))).toEqual(["/stacks/a/cdk.tf.json", "/stacks/b/plan.json"]);
    expect(m.format).toBe("mixed");
    expect(m.notes).toBeUndefined();
  });

  test("GIVEN a plan.json older than its cdk.tf.json THEN the synthesized file is read and a note says why", () => {
    const dir = tmp();
    mkdirSync(join(dir, "stacks", "a"), { recursive: true });
    writeFileSync(join(dir, "stacks", "a", "plan.json"), JSON.stringify({ format_version: "1.2", planned_values: { root_module: {} } }));
    utimesSync(join(dir, "stacks", "a", "plan.json"), new Date(0), new Date(0));
    writeFileSync(join(dir, "stacks", "a", "cdk.tf.json"), JSON.stringify({ resource: api }));
    const m = loadModel(dir);
    expect(m.format).toBe("cdktf");
    expect(m.notes?.[0]).toMatch(/plan.json is older than .*cdk.tf.json/);
  });

  test.each([
    ["a missing file", (d: string) => join(d, "nope.json"), /cannot read: ENOENT/],
    ["a file that is not JSON", (d: string) => (writeFileSync(join(d, "x.json"), "{"), join(d, "x.json")), /bad JSON at line 1/],
    ["JSON of neither format", (d: string) => (writeFileSync(join(d, "y.json"), '{"a":1}'), join(d, "y.json")), /neither cdk.tf.json/],
    ["a directory without stacks", (d: string) => d, /neither stacks/],
  ])("GIVEN %s THEN InputError with a one-line reason", (_name, make, reason) => {
    const path = make(tmp());
    let err: unknown;
    try {
      loadModel(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(reason);
    expect((err as Error).message).not.toContain("\n");
  });
});

describe("Lambda authorizer route tables", () => {
  test("GIVEN a zip package beside the stack file THEN its route-table.json (deflated) is read", () => {
    const m = loadModel(join(FIX, "compliant.tf.json"));
    const jwt = m.authorizers.find((a) => a.name === "jwt");
    expect(jwt?.routeTable).toEqual({
      file: join(FIX, "authz.zip"),
      routes: [{ method: "DELETE", path: "/items/{id}", groups: ["admins"], scopes: [], tokenUse: "any", clients: null }],
    });
  });

  test("GIVEN the document in memory THEN no package is read and the table is absent", () => {
    const doc: unknown = JSON.parse(readFileSync(join(FIX, "compliant.tf.json"), "utf8"));
    expect(modelFromDocument(doc).authorizers.find((a) => a.name === "jwt")?.routeTable).toBeUndefined();
  });
});
