// guard/baseline/apply.ts: a live entry accepts exactly its finding (rule, address, API, route), as a waiver does;
// from its expiry day on it accepts nothing and is reported with the findings that count again; a live entry that
// matches nothing is reported as unused; a policy waiver keeps speaking for its finding.
import { applyBaseline } from "../../../guard/baseline/apply";
import type { Baseline, BaselineEntry } from "../../../guard/baseline/types";
import { failing } from "../../../guard/engine";
import type { Finding } from "../../../guard/rules/types";

const OPEN: Finding = {
  rule: "no-open-method",
  severity: "critical",
  address: "aws_api_gateway_method.delete",
  api: "shop-dev",
  route: "DELETE /items/{id}",
  message: "DELETE /items/{id} has authorization NONE",
};
const LOGS: Finding = { rule: "stage-logging", severity: "medium", address: "aws_api_gateway_stage.dev", api: "shop-dev", message: "no access logs" };

const entry = (f: Finding, change: Partial<BaselineEntry> = {}): BaselineEntry => ({
  rule: f.rule,
  address: f.address,
  ...(f.api !== undefined ? { api: f.api } : {}),
  ...(f.route !== undefined ? { route: f.route } : {}),
  reason: "Internal test API, closed by SEC-12",
  owner: "team-shop",
  expires: "2027-03-07",
  path: "accepted[0]",
  ...change,
});
const baseline = (...entries: BaselineEntry[]): Baseline => ({ file: "baseline.yaml", entries });

test("GIVEN a live entry for a finding THEN it is baselined with reason, owner and expiry and fails nothing", () => {
  const r = applyBaseline([OPEN, LOGS], baseline(entry(OPEN)), "2026-12-07");
  expect(r.findings[0]?.waived).toEqual({
    reason: "Internal test API, closed by SEC-12",
    policyFile: "baseline.yaml",
    baseline: { owner: "team-shop", expires: "2027-03-07" },
  });
  expect(r.findings[1]).toBe(LOGS);
  expect(failing(r.findings, "low")).toEqual([LOGS]);
  expect(r.outcome).toEqual({ file: "baseline.yaml", entries: 1, baselined: 1, expired: [], unused: [] });
});

test("GIVEN the day before the expiry THEN still accepted; ON the expiry day THEN it counts again and the expiry is reported", () => {
  expect(applyBaseline([OPEN], baseline(entry(OPEN)), "2027-03-06").outcome.baselined).toBe(1);
  const r = applyBaseline([OPEN], baseline(entry(OPEN)), "2027-03-07");
  expect(r.findings).toEqual([OPEN]);
  expect(failing(r.findings, "low")).toEqual([OPEN]);
  expect(r.outcome).toMatchObject({ baselined: 0, unused: [] });
  expect(r.outcome.expired).toEqual([
    {
      path: "accepted[0]",
      rule: OPEN.rule,
      address: OPEN.address,
      api: "shop-dev",
      route: "DELETE /items/{id}",
      owner: "team-shop",
      expires: "2027-03-07",
      findings: 1,
    },
  ]);
});

test.each([
  ["another route of the same method resource", { route: "GET /items/{id}" }],
  ["another API", { api: "shop-prod" }],
  ["another rule", { rule: "method-matches-policy" }],
  ["another address", { address: "aws_api_gateway_method.get" }],
  ["no route where the finding has one", { route: undefined }],
])("GIVEN an entry for %s THEN it accepts nothing and is reported unused", (_n, change) => {
  const e = entry(OPEN, change as Partial<BaselineEntry>);
  const r = applyBaseline([OPEN], baseline(e), "2026-12-07");
  expect(r.findings).toEqual([OPEN]);
  expect(r.outcome.baselined).toBe(0);
  expect(r.outcome.unused.map((u) => u.path)).toEqual(["accepted[0]"]);
});

test("GIVEN an expired entry that matches nothing THEN it is reported expired with 0 findings, not unused", () => {
  const r = applyBaseline([], baseline(entry(OPEN, { expires: "2026-01-01" })), "2026-12-07");
  expect(r.outcome).toMatchObject({ expired: [{ path: "accepted[0]", findings: 0 }], unused: [] });
});

test("GIVEN a finding a policy waiver covers THEN the waiver stays, the matching entry is used, nothing counted twice", () => {
  const waived: Finding = { ...OPEN, waived: { reason: "Public by design", policyFile: "shop.policy.yaml" } };
  const r = applyBaseline([waived], baseline(entry(OPEN)), "2026-12-07");
  expect(r.findings).toEqual([waived]);
  expect(r.outcome).toMatchObject({ baselined: 0, unused: [] });
});

test("GIVEN one entry and two findings of the same rule on the same route THEN both are baselined", () => {
  const second = { ...OPEN, message: "another wording" };
  expect(applyBaseline([OPEN, second], baseline(entry(OPEN)), "2026-12-07").outcome.baselined).toBe(2);
});
