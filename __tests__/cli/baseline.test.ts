// `check --baseline` and `--write-baseline` (cli/private/baseline.ts over guard/baseline): adopting the check on an
// existing codebase. GIVEN the open-method fixture (three failing findings on DELETE /items/{id}) WHEN a baseline
// is drafted, refused until filled in, then used: accepted findings pass as baselined, an expired entry fails
// closed and is reported, an unused entry is reported, a malformed entry is exit 2 with one line.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/check";

const FIX = join(__dirname, "..", "guard", "fixtures");
const POLICY = join(FIX, "shop.policy.yaml");
const OPEN = join(FIX, "noncompliant", "NoOpenMethod.tf.json");
const COMPLIANT = join(FIX, "compliant.tf.json");
const TODAY = ["--as-of", "2026-12-07"];

function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "baseline-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The drafted baseline of OPEN, as a person fills it in. */
function filledBaseline(): string {
  const file = join(dir, "draft.yaml");
  expect(run(OPEN, "--policy", POLICY, ...TODAY, "--write-baseline", file).code).toBe(0);
  const filled = join(dir, "baseline.yaml");
  writeFileSync(
    filled,
    readFileSync(file, "utf8")
      .replaceAll('"TODO: why this finding is accepted for now"', '"Internal test API, closed by SEC-12 next sprint"')
      .replaceAll('owner: "TODO"', "owner: team-shop"),
  );
  return filled;
}

describe("--write-baseline", () => {
  test("GIVEN failing findings THEN a draft with one entry per finding, a message on stdout, exit 0 and no report", () => {
    const file = join(dir, "baseline.yaml");
    const r = run(OPEN, "--policy", POLICY, ...TODAY, "--write-baseline", file);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `wrote ${file}: 3 entries, one per finding that fails this run. Write each reason and owner (TODO), then add --baseline ${file} to the check\n`,
    );
    expect(readFileSync(file, "utf8")).toContain(
      '    route: "DELETE /items/{id}"\n    severity: "critical"\n    reason: "TODO: why this finding is accepted for now"\n    owner: "TODO"\n    expires: "2027-03-07"\n',
    );
  });

  test("GIVEN the draft as written WHEN used as --baseline THEN exit 2, one line per placeholder, nothing accepted", () => {
    const file = join(dir, "baseline.yaml");
    run(OPEN, "--policy", POLICY, ...TODAY, "--write-baseline", file);
    const r = run(OPEN, "--policy", POLICY, ...TODAY, "--baseline", file);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toEqual([
      `check: ${file}: accepted[0].reason: is the drafted placeholder: write why this finding is accepted for now (at least 10 characters) (got "TODO: why this finding is accepted for now")`,
      `check: ${file}: accepted[0].owner: is the drafted placeholder: name who fixes it (a team or a person) (got "TODO")`,
      `check: ${file}: accepted[1].reason: is the drafted placeholder: write why this finding is accepted for now (at least 10 characters) (got "TODO: why this finding is accepted for now")`,
      `check: ${file}: accepted[1].owner: is the drafted placeholder: name who fixes it (a team or a person) (got "TODO")`,
      `check: ${file}: accepted[2].reason: is the drafted placeholder: write why this finding is accepted for now (at least 10 characters) (got "TODO: why this finding is accepted for now")`,
      `check: ${file}: accepted[2].owner: is the drafted placeholder: name who fixes it (a team or a person) (got "TODO")`,
    ]);
  });

  test("GIVEN an existing file THEN exit 2 and the file is unchanged", () => {
    const file = join(dir, "baseline.yaml");
    writeFileSync(file, "accepted: []\n");
    const r = run(OPEN, "--policy", POLICY, ...TODAY, "--write-baseline", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^check: .*baseline\.yaml: refusing to overwrite/);
    expect(readFileSync(file, "utf8")).toBe("accepted: []\n");
  });

  test("GIVEN nothing fails THEN no file is written, exit 0", () => {
    const file = join(dir, "baseline.yaml");
    expect(run(COMPLIANT, "--policy", POLICY, ...TODAY, "--write-baseline", file)).toMatchObject({
      code: 0,
      out: expect.stringContaining("nothing to baseline") as unknown,
    });
    expect(existsSync(file)).toBe(false);
  });

  test("GIVEN --baseline too THEN the draft holds only the findings it does not accept", () => {
    const accepted = join(dir, "accepted.json");
    writeFileSync(
      accepted,
      JSON.stringify({
        accepted: [
          {
            rule: "no-open-method",
            address: "aws_api_gateway_method.delete",
            api: "shop-dev",
            route: "DELETE /items/{id}",
            reason: "Closed by SEC-12 next sprint",
            owner: "team-shop",
            expires: "2027-01-31",
          },
        ],
      }),
    );
    const file = join(dir, "more.yaml");
    expect(run(OPEN, "--policy", POLICY, ...TODAY, "--baseline", accepted, "--write-baseline", file).code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text).toContain('rule: "method-matches-policy"');
    expect(text).not.toContain('rule: "no-open-method"');
  });
});

describe("--baseline", () => {
  test("GIVEN the filled-in draft THEN the findings are baselined (reason, owner, expiry), exit 0", () => {
    const r = run(OPEN, "--policy", POLICY, ...TODAY, "--baseline", filledBaseline());
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /critical \(baselined\)\s+no-open-method .*\[baselined until 2027-03-07, owner team-shop: Internal test API, closed by SEC-12 next sprint\]/,
    );
    expect(r.out).toMatch(/^PASS: 3 finding\(s\), 3 waived \(3 by the baseline\), 0 at or above low$/m);
  });

  test("GIVEN the filled-in draft THEN SARIF suppresses the baselined results, as it does waived ones", () => {
    const sarif = join(dir, "r.sarif");
    expect(run(OPEN, "--policy", POLICY, ...TODAY, "--baseline", filledBaseline(), "--report", `sarif=${sarif}`).code).toBe(0);
    const results = (JSON.parse(readFileSync(sarif, "utf8")) as { runs: { results: { ruleId: string; suppressions?: unknown }[] }[] }).runs[0]?.results ?? [];
    const accepted = results.filter((res) => ["no-open-method", "method-matches-policy"].includes(res.ruleId));
    expect(accepted.length).toBe(3);
    for (const res of accepted) expect(res.suppressions).toEqual([{ kind: "external", justification: "Internal test API, closed by SEC-12 next sprint" }]);
  });

  test("GIVEN the filled-in draft THEN JUnit skips the route's cases with the baseline's file, owner, expiry and reason", () => {
    const file = filledBaseline();
    const junit = join(dir, "r.xml");
    expect(run(OPEN, "--policy", POLICY, ...TODAY, "--baseline", file, "--report", `junit=${junit}`).code).toBe(0);
    const xml = readFileSync(junit, "utf8");
    expect(xml).toContain(`baselined (${file}, owner team-shop, until 2027-03-07): Internal test API, closed by SEC-12 next sprint`);
    expect(xml).not.toMatch(/<failure/);
  });

  test("GIVEN the expiry day THEN the findings count again (exit 1) and each expired entry is reported", () => {
    const file = filledBaseline();
    const r = run(OPEN, "--policy", POLICY, "--as-of", "2027-03-07", "--fail-on", "critical", "--baseline", file, "--format", "json");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `check: ${file}: accepted[0] expired on 2027-03-07 (owner team-shop): method-matches-policy shop-dev DELETE /items/{id} aws_api_gateway_method.delete (authorization=NONE) is no longer accepted: 1 finding(s) count again\n`,
    );
    const json = JSON.parse(r.out) as { summary: { baselined: number; failing: number }; baseline: { expired: { path: string; findings: number }[] } };
    expect(json.summary).toMatchObject({ baselined: 0, failing: 3 });
    expect(json.baseline.expired.map((e) => [e.path, e.findings])).toEqual([
      ["accepted[0]", 1],
      ["accepted[1]", 1],
      ["accepted[2]", 1],
    ]);
  });

  test("GIVEN entries for findings that are gone THEN each is reported unused (note and JSON), exit by the findings", () => {
    const file = filledBaseline();
    const r = run(COMPLIANT, "--policy", POLICY, ...TODAY, "--baseline", file, "--format", "json");
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `check: note: ${file}: accepted[2] matches no finding (fixed, or renamed?): no-open-method shop-dev DELETE /items/{id} aws_api_gateway_method.delete\n`,
    );
    expect((JSON.parse(r.out) as { baseline: { unused: { path: string }[] } }).baseline.unused.map((u) => u.path)).toEqual([
      "accepted[0]",
      "accepted[1]",
      "accepted[2]",
    ]);
  });

  test("GIVEN an entry drafted at a lower severity than its finding has now THEN not accepted (exit 1) and said on stderr", () => {
    const file = filledBaseline();
    // As if no-open-method's entry had been drafted while the method was reachable by some callers only (high).
    const text = readFileSync(file, "utf8");
    const at = text.indexOf('rule: "no-open-method"');
    writeFileSync(file, text.slice(0, at) + text.slice(at).replace('severity: "critical"', 'severity: "high"'));
    const r = run(OPEN, "--policy", POLICY, ...TODAY, "--baseline", file, "--format", "json");
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `check: ${file}: accepted[2] was drafted for a high finding (owner team-shop): no-open-method shop-dev DELETE /items/{id} aws_api_gateway_method.delete is now critical: not accepted, 1 finding(s) count again (accept it anew in a reviewed change)\n`,
    );
    const json = JSON.parse(r.out) as { summary: { baselined: number; failing: number }; baseline: { escalated: { path: string; now: string }[] } };
    expect(json.summary).toMatchObject({ baselined: 2, failing: 1 });
    expect(json.baseline.escalated).toMatchObject([{ path: "accepted[2]", severity: "high", now: "critical" }]);
  });

  test.each([
    [
      "a bad expiry",
      (t: string) => t.replace('expires: "2027-03-07"', 'expires: "2027-13-01"'),
      '.yaml: accepted[0].expires: must be a day as YYYY-MM-DD (quote it in YAML if your editor turns it into a date) (got "2027-13-01")',
    ],
    ["a YAML syntax error", (t: string) => `${t}  - rule: [\n`, ".yaml: bad YAML at line"],
  ])("GIVEN %s THEN exit 2 with one line naming the file, the path and the value", (_n, change, message) => {
    const file = filledBaseline();
    writeFileSync(file, change(readFileSync(file, "utf8")));
    const r = run(OPEN, "--policy", POLICY, ...TODAY, "--baseline", file);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain(`check: ${file.replace(/\.yaml$/, "")}${message}`);
  });

  test.each([
    ["a missing file", "absent.yaml", "absent.yaml: cannot read: no such file"],
    ["a file that is not YAML or JSON", "baseline.txt", "baseline.txt: a baseline file is .yaml, .yml or .json"],
  ])("GIVEN %s THEN exit 2 with one line", (_n, name, message) => {
    const r = run(OPEN, "--policy", POLICY, ...TODAY, "--baseline", join(dir, name));
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });
});

test.each([
  [
    "--write-baseline with --format",
    ["--write-baseline", "b.yaml", "--format", "json"],
    "--write-baseline drafts a baseline and reports nothing: it takes no --format",
  ],
  [
    "--write-baseline into the --baseline it reads",
    ["--write-baseline", "b.yaml", "--baseline", "b.yaml"],
    '--write-baseline would replace the --baseline it reads ("b.yaml"): draft into another file',
  ],
  ["--init-policy with --baseline", ["--init-policy", "p", "--baseline", "b.yaml"], "--init-policy drafts policies and checks nothing: it takes no --baseline"],
  ["--baseline twice", ["--baseline", "a.yaml", "--baseline", "b.yaml"], '--baseline given twice ("a.yaml", "b.yaml")'],
])("GIVEN %s THEN a usage error, exit 2", (_n, args, message) => {
  const r = run(OPEN, ...args);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`check: ${message}\nusage: npm run check -- `);
});
