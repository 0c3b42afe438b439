// Re-plans corpus projects offline and rewrites their plan.json (`terraform show -json`) in the git-ignored
// .sources/<name>, one project at a time; `--report` prints what the check finds in each plan and its drafts, for the
// reviewer who updates expected.json; `--drafts` rewrites policy/ with the drafts, to be read and judged before
// committing. Every mode needs the project's fetched sources (README.md says how to re-create them); a project named
// without them is refused (exit 2), and with no project named those without them are skipped with a message. Usage:
//   TF_PROVIDER_MIRROR=/opt/tf-plugins npx tsx __tests__/corpus/regenerate.ts [project...]
//   npx tsx __tests__/corpus/regenerate.ts --report|--drafts [project...]
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomically } from "../../cli/private/write";
import { checkProject, subjectOf } from "./private/check-project";
import { projectDir, projectNames, readManifest } from "./private/manifest";
import { planPrerequisites, planProject } from "./private/plan-project";
import { hasSources, planFile, skippedMessage, SOURCE_PLACES } from "./private/sources";

const argv = process.argv.slice(2);
const report = argv.includes("--report");
const drafts = argv.includes("--drafts");
const names = argv.filter((a) => a !== "--report" && a !== "--drafts");
const asked = names.length > 0 ? names : projectNames();
const absent = asked.filter((n) => !hasSources(n));
if (names.length > 0 && absent.length > 0) {
  for (const n of absent)
    process.stderr.write(
      `regenerate: ${n}: its sources are in neither ${SOURCE_PLACES.map((p) => join(p, n)).join(" nor ")} (see __tests__/corpus/README.md)\n`,
    );
  process.exit(2);
}
for (const n of absent) console.warn(skippedMessage(n));
const projects = asked.filter(hasSources);

if (report) {
  for (const name of projects) {
    const t0 = process.hrtime.bigint();
    const { model, findings, drafts } = checkProject(name);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`\n=== ${name}: ${model.routes.length} routes, ${findings.length} findings, ${ms.toFixed(0)} ms`);
    for (const f of findings) console.log(`${f.rule} | ${subjectOf(f)}\n    [${f.severity}] ${f.message}`);
    for (const d of drafts.drafts) console.log(`--- draft ${d.fileName}\n${d.text}`);
    for (const n of [...drafts.notDrafted, ...drafts.problems]) console.log(`--- not drafted: ${n}`);
  }
} else if (drafts) {
  for (const name of projects) {
    const dir = join(projectDir(name), "policy");
    rmSync(dir, { recursive: true, force: true });
    const result = checkProject(name).drafts;
    if (result.drafts.length > 0) mkdirSync(dir);
    for (const d of result.drafts) writeFileAtomically(join(dir, d.fileName), d.text);
    console.log(`${name}: ${result.drafts.map((d) => d.fileName).join(", ") || "no draft"}`);
  }
} else {
  const can = planPrerequisites();
  if ("missing" in can) {
    process.stderr.write(`regenerate: ${can.missing}\n`);
    process.exit(2);
  }
  for (const name of projects) {
    const t0 = Date.now();
    const json = planProject(name, readManifest(name), can.mirror);
    writeFileAtomically(planFile(name), `${JSON.stringify(JSON.parse(json))}\n`);
    console.log(`${name}: planned in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
