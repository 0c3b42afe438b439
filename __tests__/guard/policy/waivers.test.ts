// Which policy waiver accepts a finding: exactly by its detail and up to its severity; a coarse waiver (no detail, a
// finding with one) only the one finding of its rule on the address and route, and not above high unless it says so.
import { waiverFor, type WaivedCandidate } from "../../../guard/policy/waivers";
import type { ApiPolicy, Waiver } from "../../../guard/policy/types";

const ADDRESS = "aws_lambda_function.backend";
const IAM_URL = "unintended function-url:backend admits iam:IAM principals";
const door: WaivedCandidate = { rule: "backend-doors-intended", severity: "high", address: ADDRESS, detail: IAM_URL, siblings: 1 };

const policy = (...waivers: Waiver[]): ApiPolicy => ({
  file: "p.yaml",
  apis: ["x"],
  routes: {},
  corsPreflight: [],
  overrides: [],
  allowWholeApiInvoke: [],
  tokenValidity: { maxIdAccessMinutes: 60, maxRefreshDays: 30 },
  waivers,
  severities: {},
});
const w = (extra: Partial<Waiver> = {}): Waiver => ({ rule: "backend-doors-intended", address: ADDRESS, reason: "partner jobs until SEC-31", ...extra });

describe("a waiver naming the detail", () => {
  test("GIVEN the finding it names THEN it is waived, nothing said", () => {
    expect(waiverFor([policy(w({ detail: IAM_URL }))], door)).toEqual({ waived: { reason: "partner jobs until SEC-31", policyFile: "p.yaml" }, notes: [] });
  });
  test("GIVEN another door of the same function THEN it is not waived", () => {
    expect(waiverFor([policy(w({ detail: IAM_URL }))], { ...door, detail: "unintended function-url:backend admits anyone:" }).waived).toBeUndefined();
  });
  test("GIVEN several findings of the rule there THEN the one it names is still waived", () => {
    expect(waiverFor([policy(w({ detail: IAM_URL }))], { ...door, siblings: 3 }).waived).toBeDefined();
  });
  test("GIVEN the finding above its severity THEN it is not waived and a note says so", () => {
    const r = waiverFor([policy(w({ detail: IAM_URL, severity: "medium" }))], door);
    expect(r.waived).toBeUndefined();
    expect(r.notes).toEqual([expect.objectContaining({ kind: "above", path: "waivers[0]", severity: "high", ceiling: "medium", detail: IAM_URL })]);
  });
});

describe("a coarse waiver (no detail; the finding has one)", () => {
  test("GIVEN the rule's only finding there, not critical THEN it is waived, with a note naming the detail to write", () => {
    const r = waiverFor([policy(w())], door);
    expect(r.waived).toEqual({ reason: "partner jobs until SEC-31", policyFile: "p.yaml", coarse: true });
    expect(r.notes).toEqual([expect.objectContaining({ kind: "coarse", detail: IAM_URL, ceiling: "high" })]);
  });
  test("GIVEN a critical finding THEN it is not waived", () => {
    const r = waiverFor([policy(w())], { ...door, severity: "critical" });
    expect(r.waived).toBeUndefined();
    expect(r.notes).toEqual([expect.objectContaining({ kind: "coarse-above", ceiling: "high", severity: "critical" })]);
  });
  test("GIVEN a critical finding and the waiver's severity critical THEN it is waived (the reviewers wrote it)", () => {
    expect(waiverFor([policy(w({ severity: "critical" }))], { ...door, severity: "critical" }).waived).toBeDefined();
  });
  test("GIVEN its severity medium and a high finding THEN it is not waived", () => {
    expect(waiverFor([policy(w({ severity: "medium" }))], door).notes).toEqual([expect.objectContaining({ kind: "coarse-above", ceiling: "medium" })]);
  });
  test("GIVEN the rule reports two findings there THEN neither is waived", () => {
    const r = waiverFor([policy(w())], { ...door, siblings: 2 });
    expect(r.waived).toBeUndefined();
    expect(r.notes).toEqual([expect.objectContaining({ kind: "coarse-several" })]);
  });
  test("GIVEN a rule that sets no detail THEN it is exact, not coarse: waived without a note, at any severity", () => {
    const { detail: _, ...plain } = door;
    expect(waiverFor([policy(w())], { ...plain, severity: "critical", siblings: 2 })).toEqual({ waived: expect.anything() as unknown, notes: [] });
  });
});

describe("several waivers", () => {
  test("GIVEN a coarse one refusing and a later exact one accepting THEN it is waived by the exact one, with no note", () => {
    const r = waiverFor([policy(w(), w({ detail: IAM_URL, reason: "the exact waiver's reason" }))], { ...door, siblings: 2 });
    expect(r).toEqual({ waived: { reason: "the exact waiver's reason", policyFile: "p.yaml" }, notes: [] });
  });
  test("GIVEN a finding of no API and a pattern address THEN it is not waived (only its exact address waives it)", () => {
    expect(waiverFor([policy(w({ address: "aws_lambda_function.*", detail: IAM_URL }))], door).waived).toBeUndefined();
  });
  test("GIVEN a finding of an API THEN an address pattern and the route name it", () => {
    const routed = { ...door, api: "x", route: "GET /a" };
    expect(waiverFor([policy(w({ address: "aws_lambda_function.*", route: "GET /a", detail: IAM_URL }))], routed).waived).toBeDefined();
    expect(waiverFor([policy(w({ address: "aws_lambda_function.*", route: "GET /b", detail: IAM_URL }))], routed).waived).toBeUndefined();
  });
});
