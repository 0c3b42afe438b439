// The corpus: public Terraform projects nobody here wrote, each checked as a first run (no policy) and compared with
// its hand-reviewed expected.json as a set, both ways: a finding nobody expected, an expected finding gone, a known
// false positive fixed or a missed weakness now found all fail, and the reviewer moves the entry. The --init-policy
// drafts must equal the reviewed files in policy/. Only our files are tracked (projects/<name>); the fetched ones
// (tf/, LICENSE, plan.json) are in the git-ignored .sources/<name>, so a project whose sources this machine lacks is
// skipped with a message, never passed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../../guard/rules/types";
import { checkProject, keyOf, matches, subjectOf } from "./private/check-project";
import { type Judged, OWN_FILES, projectDir, projectNames, readExpected, readManifest } from "./private/manifest";
import { hasSources, missingSourceFiles, skippedMessage } from "./private/sources";

const projects = projectNames();

const describeFinding = (f: Finding): string => `${f.rule} | ${subjectOf(f)} [${f.severity}] ${f.message}`;

// At least ten projects (__tests__/corpus/README.md); a project is its manifest, which is ours.
test("GIVEN the corpus THEN it holds at least ten projects", () => {
  expect(projects.filter((name) => existsSync(join(projectDir(name), "manifest.json"))).length).toBeGreaterThanOrEqual(10);
});

describe.each(projects)("corpus project %s", (name) => {
  const dir = projectDir(name);

  test("THEN its folder holds only our own files and its manifest names the source, commit and a permissive licence", () => {
    expect(readdirSync(dir).filter((f) => !(OWN_FILES as readonly string[]).includes(f))).toEqual([]);
    expect(readManifest(name).source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(readExpected(name).verdict.length).toBeGreaterThan(0);
  });

  if (!hasSources(name)) {
    console.warn(skippedMessage(name));
    test.skip("THEN its plan gives the reviewed findings and drafts (its sources are not on this machine)", () => undefined);
    return;
  }

  test("THEN its sources hold the licence texts beside the files, the planned module and the plan", () => {
    expect(missingSourceFiles(name, readManifest(name))).toEqual([]);
  });

  // Checked once, when the first test needs it: incomplete sources fail these tests, not the whole file.
  let checked: ReturnType<typeof checkProject> | undefined;
  const check = (): ReturnType<typeof checkProject> => (checked ??= checkProject(name));
  const expected = readExpected(name);
  const present = [...expected.findings, ...expected.knownFalsePositives];
  const absent = [...expected.nonFindings, ...expected.knownMissed];

  test("THEN every finding is expected (a real weakness or a known false positive)", () => {
    const unexpected = check()
      .findings.filter((f) => !present.some((j) => matches(j, f)))
      .map(describeFinding);
    expect(unexpected).toEqual([]);
  });

  test("THEN every expected finding and known false positive is still reported", () => {
    const { findings } = check();
    const gone = present.filter((j) => !findings.some((f) => matches(j, f))).map((j) => `${keyOf(j)}: ${j.why}`);
    expect(gone).toEqual([]);
  });

  test("THEN no non-finding is reported, and no known missed weakness is found yet (move it to findings)", () => {
    const { findings } = check();
    const wrong = absent.flatMap((j: Judged) => findings.filter((f) => matches(j, f)).map((f) => `${describeFinding(f)} (expected absent: ${j.why})`));
    expect(wrong).toEqual([]);
  });

  test("THEN the --init-policy drafts are the reviewed files in policy/", () => {
    const { drafts } = check();
    const policyDir = join(dir, "policy");
    const reviewed = existsSync(policyDir) ? readdirSync(policyDir).sort() : [];
    expect(drafts.problems).toEqual([]);
    expect(drafts.drafts.map((d) => d.fileName).sort()).toEqual(reviewed);
    for (const d of drafts.drafts) expect(d.text).toBe(readFileSync(join(policyDir, d.fileName), "utf8"));
  });
});
