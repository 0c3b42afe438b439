// guard/baseline/apply.ts: a live entry accepts exactly its finding (rule, address, API, route, detail), as a waiver
// does, and only up to the severity it was drafted at; from its expiry day on it accepts nothing and is reported with
// the findings that count again; a live entry that matches nothing is reported as unused (with what to do when it
// predates its rule's detail); a policy waiver keeps speaking for its finding; a crashed rule is never accepted.
import { applyBaseline, REDRAFT_DETAIL } from "../../../guard/baseline/apply";
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
  expect(r.outcome).toEqual({ file: "baseline.yaml", entries: 1, baselined: 1, expired: [], unused: [], escalated: [] });
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
      detail: null,
      stack: null,
      severity: null,
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

test("GIVEN one entry and two findings of the same rule, route and detail (the same finding, said twice) THEN both are baselined", () => {
  const second = { ...OPEN, message: "another wording" };
  expect(applyBaseline([OPEN, second], baseline(entry(OPEN)), "2026-12-07").outcome.baselined).toBe(2);
});

// One rule, several findings on one address (backend-doors-intended: each door of a function).
const URL_DOOR: Finding = {
  rule: "backend-doors-intended",
  severity: "critical",
  address: "aws_lambda_function.backend",
  detail: "unintended function-url:petstore-dev-backend admits anyone:anyone on the internet",
  message: "backend `petstore-dev-backend`: door function URL (NONE) is not intended",
};
const PERMISSION_DOOR: Finding = {
  ...URL_DOOR,
  detail: "unintended lambda-permission:aws_lambda_permission.any admits aws-any:any AWS principal in any account (no source_arn)",
  message: "backend `petstore-dev-backend`: door Lambda permission aws_lambda_permission.any is not intended",
};

test("GIVEN an entry for one door of a function THEN it accepts that door only; another door of the same function counts", () => {
  const r = applyBaseline([URL_DOOR, PERMISSION_DOOR], baseline(entry(URL_DOOR, { detail: URL_DOOR.detail })), "2026-12-07");
  expect(r.outcome.baselined).toBe(1);
  expect(failing(r.findings, "low")).toEqual([PERMISSION_DOOR]);
});

test("GIVEN an entry with a detail THEN it does not accept the finding without one (same rule, address, API, route)", () => {
  const { detail: _d, ...bare } = URL_DOOR;
  const r = applyBaseline([bare], baseline(entry(URL_DOOR, { detail: URL_DOOR.detail })), "2026-12-07");
  expect(r.outcome.baselined).toBe(0);
  expect(r.outcome.unused).toMatchObject([{ path: "accepted[0]", detail: URL_DOOR.detail }]);
  expect(r.outcome.unused[0]?.redraft).toBeUndefined();
});

test("GIVEN an entry without detail (written before the rule told its findings apart) THEN it accepts none of them and says to draft it again", () => {
  const r = applyBaseline([URL_DOOR, PERMISSION_DOOR], baseline(entry(URL_DOOR)), "2026-12-07");
  expect(r.outcome.baselined).toBe(0);
  expect(failing(r.findings, "low")).toEqual([URL_DOOR, PERMISSION_DOOR]);
  expect(r.outcome.unused).toEqual([expect.objectContaining({ path: "accepted[0]", detail: null, redraft: REDRAFT_DETAIL })]);
  expect(REDRAFT_DETAIL).toContain("--write-baseline");
});

test.each([
  ["the severity it was drafted at", "critical", "critical", 1],
  ["a lower severity", "critical", "high", 1],
  ["a higher severity", "medium", "critical", 0],
] as const)("GIVEN an entry drafted at %s THEN the finding is accepted only up to it", (_n, drafted, found, accepted) => {
  const finding: Finding = { ...URL_DOOR, severity: found };
  const r = applyBaseline([finding], baseline(entry(URL_DOOR, { detail: URL_DOOR.detail, severity: drafted })), "2026-12-07");
  expect(r.outcome.baselined).toBe(accepted);
  expect(failing(r.findings, "low")).toHaveLength(1 - accepted);
  expect(r.outcome.unused).toEqual([]);
  expect(r.outcome.escalated).toEqual(accepted === 1 ? [] : [expect.objectContaining({ path: "accepted[0]", severity: drafted, now: found, findings: 1 })]);
});

test("GIVEN an entry without severity THEN it sets no ceiling (entries written before severities were drafted)", () => {
  expect(applyBaseline([{ ...OPEN, severity: "critical" }], baseline(entry(OPEN)), "2026-12-07").outcome.baselined).toBe(1);
});

test("GIVEN a crashed rule's finding THEN no entry accepts it, whatever it names", () => {
  const crash: Finding = { rule: "no-open-method", severity: "high", address: "(engine)", detail: "crashed", message: "rule crashed: boom" };
  const r = applyBaseline([crash], baseline(entry(crash, { detail: "crashed" })), "2026-12-07");
  expect(r.outcome.baselined).toBe(0);
  expect(failing(r.findings, "low")).toEqual([crash]);
});

test("GIVEN an entry for a finding of one stack THEN the same finding of another stack (same address) counts", () => {
  const pool: Finding = {
    rule: "user-pool-mfa",
    severity: "high",
    address: "aws_cognito_user_pool.users",
    detail: "mfa_configuration=OFF",
    message: "mfa off",
  };
  const dev = { ...pool, stack: "petstore-dev" };
  const prod = { ...pool, stack: "petstore-prod" };
  const r = applyBaseline([dev, prod], baseline(entry(pool, { detail: pool.detail, stack: "petstore-dev" })), "2026-12-07");
  expect(r.outcome.baselined).toBe(1);
  expect(failing(r.findings, "low")).toEqual([prod]);
  // An entry of a single-file run (no stack) accepts neither, and says to draft it again.
  const old = applyBaseline([dev, prod], baseline(entry(pool, { detail: pool.detail })), "2026-12-07");
  expect(old.outcome.baselined).toBe(0);
  expect(old.outcome.unused).toEqual([expect.objectContaining({ stack: null, redraft: REDRAFT_DETAIL })]);
});
