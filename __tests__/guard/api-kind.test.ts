// Every message names the API's kind as it is: REST API, HTTP API or WebSocket API (aws_apigatewayv2_api's
// protocol_type), never "REST API" for a v2 API. Real plans: fixtures/try-authorizer (a REST and an HTTP API) and
// fixtures/websocket (two WebSocket APIs).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/check";
import { runRules } from "../../guard/engine";
import { loadModel } from "../../guard/load";
import { draftPolicies } from "../../guard/draft-policies";

const FIX = join(__dirname, "load", "modules", "fixtures");
const MIXED = join(FIX, "try-authorizer", "plan.json");
const WEBSOCKET = join(FIX, "websocket", "plan.json");
const messages = (file: string): string[] => runRules(loadModel(file), { policies: [] }).findings.map((f) => f.message);

test("GIVEN a REST and an HTTP API and no policy for either THEN each is named by its kind", () => {
  const m = messages(MIXED);
  expect(m).toContain('no intended-authorization policy matches REST API "orders-rest"');
  expect(m).toContain('no intended-authorization policy matches HTTP API "orders"');
});

test("GIVEN WebSocket APIs THEN no message calls them REST API", () => {
  const m = messages(WEBSOCKET);
  expect(m).toContain('no intended-authorization policy matches WebSocket API "chat-open"');
  expect(m.filter((x) => x.includes("REST API"))).toEqual([]);
});

test("GIVEN --init-policy on an HTTP API THEN the draft and the command's output say HTTP API", () => {
  const drafts = draftPolicies(loadModel(MIXED), MIXED).drafts;
  expect(drafts.find((d) => d.api === "orders")?.text).toContain('every route of HTTP API "orders"');
  expect(drafts.find((d) => d.api === "orders-rest")?.text).toContain('every route of REST API "orders-rest"');
  let out = "";
  main([MIXED, "--init-policy", join(mkdtempSync(join(tmpdir(), "api-kind-")), "p")], { out: (s) => (out += s), err: () => undefined });
  expect(out).toMatch(/route\(s\) of HTTP API "orders"/);
});
