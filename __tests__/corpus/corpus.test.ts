// The corpus: public Terraform projects nobody here wrote (projects/<name>: tf/ as fetched with the offline edits
// its manifest.json lists, plan.json = `terraform show -json` of its offline plan), each checked as a first run
// (no policy) and compared with its hand-reviewed expected.json as a set, both ways: a finding nobody expected, an
// expected finding gone, a known false positive fixed or a missed weakness now found all fail, and the reviewer
// moves the entry. The --init-policy drafts must equal the reviewed files in policy/.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../../guard/rules/types";
import { checkProject, keyOf, matches, planFile, subjectOf } from "./private/check-project";
import { type Judged, projectDir, projectNames, readExpected, readManifest } from "./private/manifest";

const projects = projectNames();

const describeFinding = (f: Finding): string => `${f.rule} | ${subjectOf(f)} [${f.severity}] ${f.message}`;

// Issue 17 asks for at least ten (see __tests__/corpus/README.md).
test("GIVEN the corpus THEN it holds at least ten projects", () => {
  expect(projects.length).toBeGreaterThanOrEqual(10);
});

describe.each(projects)("corpus project %s", (name) => {
  const dir = projectDir(name);

  test("THEN its manifest names the source, commit and a permissive licence whose text sits beside the files", () => {
    const m = readManifest(name);
    expect(existsSync(join(dir, "LICENSE"))).toBe(true);
    for (const v of m.vendored) expect(existsSync(join(dir, "tf", v.into, "LICENSE"))).toBe(true);
    expect(existsSync(join(dir, "tf", m.root))).toBe(true);
    expect(existsSync(planFile(name))).toBe(true);
  });

  const { findings, drafts } = checkProject(name);
  const expected = readExpected(name);
  const present = [...expected.findings, ...expected.knownFalsePositives];
  const absent = [...expected.nonFindings, ...expected.knownMissed];

  test("THEN every finding is expected (a real weakness or a known false positive)", () => {
    const unexpected = findings.filter((f) => !present.some((j) => matches(j, f))).map(describeFinding);
    expect(unexpected).toEqual([]);
  });

  test("THEN every expected finding and known false positive is still reported", () => {
    const gone = present.filter((j) => !findings.some((f) => matches(j, f))).map((j) => `${keyOf(j)}: ${j.why}`);
    expect(gone).toEqual([]);
  });

  test("THEN no non-finding is reported, and no known missed weakness is found yet (move it to findings)", () => {
    const wrong = absent.flatMap((j: Judged) => findings.filter((f) => matches(j, f)).map((f) => `${describeFinding(f)} (expected absent: ${j.why})`));
    expect(wrong).toEqual([]);
  });

  test("THEN the --init-policy drafts are the reviewed files in policy/", () => {
    const policyDir = join(dir, "policy");
    const reviewed = existsSync(policyDir) ? readdirSync(policyDir).sort() : [];
    expect(drafts.problems).toEqual([]);
    expect(drafts.drafts.map((d) => d.fileName).sort()).toEqual(reviewed);
    for (const d of drafts.drafts) expect(d.text).toBe(readFileSync(join(policyDir, d.fileName), "utf8"));
  });
});
