// guard/baseline/draft.ts: a draft holds one entry per finding it is given (named by its detail when it has one,
// capped at its severity), expiring 90 days out, and is refused as it is (every placeholder reason and owner is a
// problem); once a person fills them in, it accepts exactly those findings. A crashed rule's finding is not drafted.
import { applyBaseline } from "../../../guard/baseline/apply";
import { addDays, draftBaseline } from "../../../guard/baseline/draft";
import { parseBaseline } from "../../../guard/baseline/parse";
import { parseDataText } from "../../../kernel/io/data-file";
import type { Finding } from "../../../guard/rules/types";

const RULES = ["no-open-method", "method-matches-policy", "stage-logging"];
const FINDINGS: Finding[] = [
  {
    rule: "no-open-method",
    severity: "critical",
    address: "aws_api_gateway_method.delete",
    api: "shop-dev",
    route: "DELETE /items/{id}",
    message: "open\nto anyone",
  },
  {
    rule: "method-matches-policy",
    severity: "critical",
    address: "aws_api_gateway_method.delete",
    api: "shop-dev",
    route: "DELETE /items/{id}",
    detail: "authorization=NONE",
    message: "one",
  },
  {
    rule: "method-matches-policy",
    severity: "critical",
    address: "aws_api_gateway_method.delete",
    api: "shop-dev",
    route: "DELETE /items/{id}",
    detail: "authorization=NONE",
    message: "two",
  },
  { rule: "stage-logging", severity: "medium", address: 'aws_api_gateway_stage.this["dev"]', message: "no access logs" },
];

const read = (text: string): unknown => {
  const r = parseDataText(text, "yaml");
  if (!r.ok) throw new Error(r.message);
  return r.data;
};

test("GIVEN days THEN addDays counts calendar days in UTC across months and leap years", () => {
  expect(addDays("2026-12-07", 90)).toBe("2027-03-07");
  expect(addDays("2028-01-01", 60)).toBe("2028-03-01");
  expect(() => addDays("2026-02-30", 1)).toThrow('not a YYYY-MM-DD day: "2026-02-30"');
});

test("GIVEN findings THEN one entry per finding (twins once), with the finding's severity and message as a comment", () => {
  const draft = draftBaseline(FINDINGS, "plan.json", "2026-12-07");
  expect(draft.entries).toBe(3);
  expect(draft.text).toContain('  # critical: open to anyone\n  - rule: "no-open-method"\n');
  expect(draft.text).toContain('    address: "aws_api_gateway_stage.this[\\"dev\\"]"\n');
  const data = read(draft.text) as { accepted: Record<string, unknown>[] };
  expect(data.accepted.map((e) => e.expires)).toEqual(["2027-03-07", "2027-03-07", "2027-03-07"]);
  expect(data.accepted[2]).not.toHaveProperty("route");
});

test("GIVEN the draft as written THEN it is refused: every reason and owner is the placeholder", () => {
  const r = parseBaseline(read(draftBaseline(FINDINGS, "plan.json", "2026-12-07").text), "b.yaml", RULES);
  expect(r.baseline).toBeUndefined();
  expect(r.problems.map((p) => p.path)).toEqual([
    "accepted[0].reason",
    "accepted[0].owner",
    "accepted[1].reason",
    "accepted[1].owner",
    "accepted[2].reason",
    "accepted[2].owner",
  ]);
});

test("GIVEN the draft filled in by a person THEN it accepts exactly the findings it was drafted from", () => {
  const filled = draftBaseline(FINDINGS, "plan.json", "2026-12-07")
    .text.replaceAll('"TODO: why this finding is accepted for now"', '"Legacy API, replaced in Q1 (SEC-12)"')
    .replaceAll('owner: "TODO"', "owner: team-shop");
  const r = parseBaseline(read(filled), "b.yaml", RULES);
  expect(r.problems).toEqual([]);
  const applied = applyBaseline(FINDINGS, r.baseline as NonNullable<typeof r.baseline>, "2026-12-07");
  expect(applied.outcome).toMatchObject({ baselined: 4, expired: [], unused: [] });
});

test("GIVEN no findings THEN an empty draft that accepts nothing", () => {
  const draft = draftBaseline([], "plan.json", "2026-12-07");
  expect(draft.entries).toBe(0);
  expect(parseBaseline(read(draft.text), "b.yaml", RULES)).toEqual({ baseline: { file: "b.yaml", entries: [] }, problems: [] });
});

test("GIVEN findings with a detail and a severity THEN each entry names the detail and caps the severity", () => {
  const text = draftBaseline(FINDINGS, "plan.json", "2026-12-07").text;
  expect(text).toContain('    route: "DELETE /items/{id}"\n    detail: "authorization=NONE"\n    severity: "critical"\n');
  expect(text).toContain('    address: "aws_api_gateway_stage.this[\\"dev\\"]"\n    severity: "medium"\n');
});

test("GIVEN two findings of one rule on one route that differ by detail THEN two entries", () => {
  const other: Finding = { ...(FINDINGS[1] as Finding), detail: "authorizer=none", message: "three" };
  expect(draftBaseline([...FINDINGS, other], "plan.json", "2026-12-07").entries).toBe(4);
});

test("GIVEN a crashed rule's finding THEN it is left out of the draft (no entry can accept it)", () => {
  const crash: Finding = { rule: "no-open-method", severity: "high", address: "(engine)", detail: "crashed", message: "rule crashed: boom" };
  expect(draftBaseline([crash], "plan.json", "2026-12-07").entries).toBe(0);
});
