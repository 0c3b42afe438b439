// A check run says what it covered (APIs, routes, the policy file matched to each API) and what it did not, in the
// table, as `coverage` in JSON and as a Markdown section; fixtures derived from the real sample synth.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/check";
import type { Coverage } from "../../guard/coverage";
import { method, synth, type Doc } from "../guard/review/fixtures/pairs";

const POLICY = join(__dirname, "..", "..", "policies", "petstore.yaml");

function check(doc: Doc, ...extra: string[]) {
  const file = join(mkdtempSync(join(tmpdir(), "coverage-")), "petstore-dev.cdk.tf.json");
  writeFileSync(file, JSON.stringify(doc));
  let out = "";
  const code = main([file, "--policy", POLICY, ...extra], { out: (s) => (out += s), err: () => undefined });
  return { code, out };
}

const coverageOf = (doc: Doc): Coverage => (JSON.parse(check(doc, "--format", "json").out) as { coverage: Coverage }).coverage;

test("GIVEN the dev synth and its policy THEN every route is covered by policies/petstore.yaml, in every format", () => {
  const c = coverageOf(synth("dev"));
  expect(c).toEqual({
    apis: [
      {
        api: "petstore-dev",
        address: expect.stringMatching(/^aws_api_gateway_rest_api\./),
        stack: "",
        policy: POLICY,
        routes: 15,
        covered: 15,
        routesUnknown: null,
      },
    ],
    routes: { total: 15, covered: 15, unknownApis: 0 },
    notCovered: [],
  });
  const table = check(synth("dev"));
  expect(table.out).toContain("Covered: 1 API(s), 15 of 15 route(s) by a policy");
  expect(table.out).toContain(`  petstore-dev: 15 of 15 route(s), policy ${POLICY}`);
  expect(table.out).toContain("Not covered: nothing");
  const md = check(synth("dev"), "--format", "markdown").out;
  expect(md).toContain("### Coverage");
  expect(md).toMatch(/\| petstore-dev \| {2}\| 15 \| 15 \| `.*petstore\.yaml` \|/);
});

test("GIVEN a second REST API no policy matches THEN it is listed as not covered (and the check fails on it)", () => {
  const doc = synth("dev");
  doc.resource["aws_api_gateway_rest_api"]["internal"] = { name: "internal-tools" };
  doc.resource["aws_api_gateway_method"]["internal_get"] = {
    rest_api_id: "${aws_api_gateway_rest_api.internal.id}",
    resource_id: "${aws_api_gateway_rest_api.internal.root_resource_id}",
    http_method: "GET",
    authorization: "NONE",
  };
  const c = coverageOf(doc);
  expect(c.apis).toContainEqual(expect.objectContaining({ api: "internal-tools", policy: null, routes: 1, covered: 0 }));
  expect(c.routes).toEqual({ total: 16, covered: 15, unknownApis: 0 });
  expect(c.notCovered).toEqual([{ api: "internal-tools", route: null, address: "aws_api_gateway_rest_api.internal", reason: "no policy matches its name" }]);
  const table = check(doc);
  expect(table.code).toBe(1);
  expect(table.out).toContain("  internal-tools (aws_api_gateway_rest_api.internal): no policy matches its name");
});

test("GIVEN a method whose authorization is known only after apply THEN that route is not covered, with why", () => {
  const doc = synth("dev");
  method(doc, "GET", "/profile")["authorization"] = "${var.profile_auth}";
  const c = coverageOf(doc);
  expect(c.routes).toEqual({ total: 15, covered: 14, unknownApis: 0 });
  expect(c.notCovered).toEqual([
    expect.objectContaining({ api: "petstore-dev", route: "GET /profile", reason: "authorization (known after apply: ${var.profile_auth})" }),
  ]);
});

test("GIVEN a method the policy does not list THEN it is not covered: no policy route describes it", () => {
  const doc = synth("dev");
  method(doc, "GET", "/health")["http_method"] = "PATCH";
  const c = coverageOf(doc);
  expect(c.notCovered).toEqual([expect.objectContaining({ route: "PATCH /health", reason: "no policy route describes it" })]);
});
