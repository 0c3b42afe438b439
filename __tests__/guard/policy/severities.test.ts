// Policy severities: raising is free; lowering a rule below its default needs a written reason, and every
// lowered rule is listed in every report of the check (table, JSON, JUnit, SARIF, Markdown) and of the review.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main as check } from "../../../cli/check";
import { main as review } from "../../../cli/review";
import { loadPolicies, loweredSeverities } from "../../../guard/policy/load";
import { RULES } from "../../../guard/rules";
import { PolicyError } from "../../../guard/policy/types";
import { pairDocs } from "../review/fixtures/pairs";

const FIX = join(__dirname, "..", "fixtures");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "severities-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shop fixture's own policy with a severities block appended. */
const policy = (name: string, severities: string): string => {
  const file = join(dir, name);
  writeFileSync(file, `${readFileSync(join(FIX, "shop.policy.yaml"), "utf8")}\nseverities:\n${severities}`);
  return file;
};

const problemsOf = (file: string): string[] => {
  try {
    loadPolicies(file, RULES);
    return [];
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return e.problems.map((p) => `${p.path}: ${p.message}`);
  }
};

describe("GIVEN a policy's severities", () => {
  it("WHEN one raises a rule THEN it loads, and nothing is listed as lowered", () => {
    const set = loadPolicies(policy("raise.yaml", "  stage-xray: high\n"), RULES);
    expect(loweredSeverities(set, RULES)).toEqual([]);
  });

  it("WHEN one lowers a rule without a reason THEN loading fails naming the rule and the way to give a reason", () => {
    expect(problemsOf(policy("lower.yaml", "  no-open-method: info\n"))).toEqual([
      'severities.no-open-method: lowers no-open-method from critical to info: write it as {severity: info, reason: "..."} so reviewers see why',
    ]);
  });

  it("WHEN one lowers a rule with a reason THEN it loads and is listed with the reason", () => {
    const file = policy("lower-ok.yaml", '  stage-xray:\n    severity: info\n    reason: "tracing is off in dev on purpose (cost)"\n');
    expect(loweredSeverities(loadPolicies(file, RULES), RULES)).toEqual([
      { rule: "stage-xray", from: "low", to: "info", reason: "tracing is off in dev on purpose (cost)", policyFile: file },
    ]);
  });

  it("WHEN a rule id is unknown THEN loading fails with a did-you-mean", () => {
    expect(problemsOf(policy("typo.yaml", "  stage-xrey: high\n"))).toEqual(['severities.stage-xrey: no rule has this id (did you mean "stage-xray"?)']);
  });

  it("WHEN a reason is too short or a key unknown THEN loading fails", () => {
    expect(problemsOf(policy("short.yaml", "  stage-xray:\n    severity: info\n    reason: ok\n    why: x\n")).sort()).toEqual([
      "severities.stage-xray.reason: a reason is written text (at least 10 characters)",
      "severities.stage-xray.why: unknown key (expected severity, reason)",
    ]);
  });
});

describe("GIVEN a lowered rule WHEN the check runs THEN every format lists it", () => {
  const file = () => policy("listed.yaml", '  stage-xray:\n    severity: info\n    reason: "tracing is off in dev on purpose (cost)"\n');
  it.each(["table", "json", "junit", "sarif", "markdown"])("format %s", (format) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = check([join(FIX, "noncompliant", "StageXray.tf.json"), "--policy", file(), "--format", format], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
    });
    expect(err.join("")).toBe("");
    expect(code).toBe(0); // stage-xray is info now: below --fail-on low
    const text = out.join("");
    expect(text).toContain("stage-xray");
    expect(text).toContain("tracing is off in dev on purpose (cost)");
    // One wording per shape (guard/report/lowered.ts), whatever the format.
    const said: Record<string, string> = {
      table: "stage-xray low -> info (tracing is off in dev on purpose (cost))",
      json: '"from":"low","to":"info"',
      junit: "low -&gt; info by ",
      sarif: "low -> info by ",
      markdown: "| `stage-xray` | low | info | tracing is off in dev on purpose (cost) |",
    };
    expect(format === "json" ? text.replace(/\s/g, "") : text).toContain(said[format]);
  });

  it("AND without a reason the check exits 2", () => {
    const err: string[] = [];
    const code = check([join(FIX, "noncompliant", "StageXray.tf.json"), "--policy", policy("bad.yaml", "  stage-xray: info\n")], {
      out: () => undefined,
      err: (s) => err.push(s),
    });
    expect(code).toBe(2);
    expect(err.join("")).toContain("lowers stage-xray from low to info");
  });
});

describe("GIVEN a head whose policy lowers every rule to info WHEN the review runs with that policy", () => {
  it("THEN it exits 2 (no reasons), and with reasons every lowered rule is listed in the comment and the JSON", () => {
    const { base, head } = pairDocs("cognito-to-none");
    const b = join(dir, "b.json");
    const h = join(dir, "h.json");
    writeFileSync(b, JSON.stringify(base));
    writeFileSync(h, JSON.stringify(head));
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), writeFile: () => undefined } };
    };
    const bare = io();
    expect(review(["--base", b, "--head", h, "--policy", policy("all-info.yaml", "  no-open-method: info\n  method-matches-policy: info\n")], bare.io)).toBe(2);
    const reasoned = io();
    const file = policy("all-info-reasoned.yaml", '  no-open-method:\n    severity: info\n    reason: "this API is a public demo, nothing behind it"\n');
    expect(review(["--base", b, "--head", h, "--policy", file], reasoned.io)).toBe(1); // the downgrade still blocks
    expect(reasoned.out.join("")).toContain("Rules reported below their default severity by a policy");
    expect(reasoned.out.join("")).toContain("this API is a public demo, nothing behind it");
    const json = io();
    review(["--base", b, "--head", h, "--policy", file, "--format", "json"], json.io);
    expect((JSON.parse(json.out.join("")) as { loweredSeverities: unknown[] }).loweredSeverities).toHaveLength(1);
  });
});
