// guard/baseline/parse.ts: a baseline entry is accepted only whole (rule, exact address, reason, owner, a real
// expiry day; detail and severity when given well-formed); each malformed value is one problem naming the file, the
// path and the value; the drafted placeholders are refused until a person replaces them, a crashed rule always.
import { parseBaseline } from "../../../guard/baseline/parse";

const FILE = "baseline.yaml";
const RULES = ["no-open-method", "method-matches-policy", "stage-logging"];

const ENTRY = {
  rule: "no-open-method",
  address: "aws_api_gateway_method.delete",
  api: "shop-dev",
  route: "DELETE /items/{id}",
  reason: "Internal test API, closed by SEC-12 next sprint",
  owner: "team-shop",
  expires: "2027-03-07",
};

const parse = (data: unknown) => parseBaseline(data, FILE, RULES);
const withEntry = (change: Record<string, unknown>, drop: readonly string[] = []) => {
  const e: Record<string, unknown> = { ...ENTRY, ...change };
  for (const k of drop) delete e[k];
  return parse({ accepted: [e] });
};

test("GIVEN a whole entry THEN it is the baseline, with where it is", () => {
  expect(parse({ accepted: [ENTRY] })).toEqual({ baseline: { file: FILE, entries: [{ ...ENTRY, path: "accepted[0]" }] }, problems: [] });
});

test("GIVEN an entry of a finding with no API and no route THEN api and route stay absent (they match none)", () => {
  const r = withEntry({ rule: "stage-logging", address: "aws_api_gateway_stage.dev" }, ["api", "route"]);
  expect(r.problems).toEqual([]);
  expect(r.baseline?.entries[0]).not.toHaveProperty("route");
  expect(r.baseline?.entries[0]).not.toHaveProperty("api");
});

test("GIVEN an empty list THEN an empty baseline (accepting nothing)", () => {
  expect(parse({ accepted: [] })).toEqual({ baseline: { file: FILE, entries: [] }, problems: [] });
});

test.each([
  [
    "the drafted reason",
    { reason: "TODO: why this finding is accepted for now" },
    "accepted[0].reason",
    "is the drafted placeholder: write why this finding is accepted for now (at least 10 characters)",
    "TODO: why this finding is accepted for now",
  ],
  ["the drafted owner", { owner: "TODO" }, "accepted[0].owner", "is the drafted placeholder: name who fixes it (a team or a person)", "TODO"],
  [
    "a placeholder in lower case",
    { owner: " todo later" },
    "accepted[0].owner",
    "is the drafted placeholder: name who fixes it (a team or a person)",
    " todo later",
  ],
  [
    "a reason that says nothing",
    { reason: "ok" },
    "accepted[0].reason",
    "a reason says why in at least 10 characters: why this finding is accepted for now",
    "ok",
  ],
  ["an empty owner", { owner: " " }, "accepted[0].owner", "required: who fixes it (a team or a person)", " "],
  [
    "an impossible day",
    { expires: "2027-02-30" },
    "accepted[0].expires",
    "must be a day as YYYY-MM-DD (quote it in YAML if your editor turns it into a date)",
    "2027-02-30",
  ],
  [
    "a day in another format",
    { expires: "07/03/2027" },
    "accepted[0].expires",
    "must be a day as YYYY-MM-DD (quote it in YAML if your editor turns it into a date)",
    "07/03/2027",
  ],
  ["a misspelt rule", { rule: "no-open-methd" }, "accepted[0].rule", 'must be a rule id (did you mean "no-open-method"?)', "no-open-methd"],
  ["an empty address", { address: "" }, "accepted[0].address", "required: the finding's address, exactly", ""],
  ["a route that is not a string", { route: 7 }, "accepted[0].route", "must be a non-empty string (leave it out when the finding has none)", 7],
  ["an empty detail", { detail: " " }, "accepted[0].detail", "must be a non-empty string (leave it out when the finding has none)", " "],
  [
    "a severity that is none",
    { severity: "severe" },
    "accepted[0].severity",
    "must be one of critical, high, medium, low, info (the finding's severity when the entry was drafted)",
    "severe",
  ],
  [
    "a crashed rule's finding",
    { address: "(engine)" },
    "accepted[0].address",
    "a crashed rule judged nothing and cannot be accepted: report the crash",
    "(engine)",
  ],
  [
    "a misspelt key",
    { expiry: "2027-03-07" },
    "accepted[0].expiry",
    'unknown key (did you mean "expires"?) (expected one of rule, address, api, route, detail, stack, severity, reason, owner, expires)',
    "expiry",
  ],
])("GIVEN %s THEN one problem with file, path and value", (_name, change, path, message, value) => {
  expect(withEntry(change)).toEqual({ problems: [{ file: FILE, path, message, value }] });
});

test("GIVEN an owner that merely starts with the letters of the placeholder THEN it is an owner", () => {
  expect(withEntry({ owner: "todoist-team" }).problems).toEqual([]);
});

test("GIVEN an entry without expires THEN it is refused: no entry accepts a finding for ever", () => {
  expect(withEntry({}, ["expires"]).problems.map((p) => p.path)).toEqual(["accepted[0].expires"]);
});

test("GIVEN one finding accepted twice THEN the second entry is a problem (two reasons, owners and expiries)", () => {
  expect(parse({ accepted: [ENTRY, { ...ENTRY, owner: "someone-else" }] }).problems).toEqual([
    { file: FILE, path: "accepted[1]", message: "accepts the same finding as accepted[0] (one reason, owner and expiry per finding)", value: ENTRY.address },
  ]);
});

test("GIVEN the same address and rule on two routes THEN two entries (the route tells them apart)", () => {
  expect(parse({ accepted: [ENTRY, { ...ENTRY, route: "GET /items/{id}" }] }).baseline?.entries).toHaveLength(2);
});

test.each([
  ["a list", [ENTRY], "", [ENTRY]],
  ["no accepted", { entries: [ENTRY] }, "accepted", undefined],
  ["an empty file", null, "", null],
])("GIVEN %s at the top THEN one problem: a baseline is a mapping with accepted", (_n, data, path, value) => {
  expect(parse(data)).toEqual({ problems: [{ file: FILE, path, message: "a baseline is a mapping with `accepted:`, a list of entries", value }] });
});

test("GIVEN an unknown top-level key beside accepted THEN a problem naming it", () => {
  expect(parse({ accepted: [ENTRY], acepted: [] }).problems).toEqual([
    { file: FILE, path: "acepted", message: 'unknown key (did you mean "accepted"?) (expected accepted)', value: "acepted" },
  ]);
});

test("GIVEN an entry that is not a mapping THEN one problem at its index", () => {
  expect(parse({ accepted: [ENTRY, "no-open-method"] }).problems).toEqual([
    { file: FILE, path: "accepted[1]", message: "must be a mapping with rule, address, reason, owner and expires", value: "no-open-method" },
  ]);
});

test("GIVEN a detail and a severity THEN the entry keeps them", () => {
  const r = withEntry({ rule: "method-matches-policy", detail: "authorization=NONE", severity: "high" });
  expect(r.problems).toEqual([]);
  expect(r.baseline?.entries[0]).toMatchObject({ detail: "authorization=NONE", severity: "high" });
});

test("GIVEN the same rule, address and route with two details THEN two entries (the detail tells them apart); the same detail twice THEN a problem", () => {
  const a = { ...ENTRY, rule: "method-matches-policy", detail: "authorization=NONE" };
  expect(parse({ accepted: [a, { ...a, detail: "authorizer=none" }] }).baseline?.entries).toHaveLength(2);
  expect(parse({ accepted: [a, { ...a, owner: "someone-else" }] }).problems.map((p) => p.path)).toEqual(["accepted[1]"]);
});
