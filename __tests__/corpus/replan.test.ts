// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Real terraform, offline: the corpus projects whose manifest says `replan` are planned again from their fetched
// files (.sources/<name>/tf; placeholder credentials, mirror-only providers) and the check of the new plan must find
// exactly what it finds in .sources/<name>/plan.json, which corpus.test.ts compares with the reviewed expectations.
// So the plans cannot drift from their sources unnoticed. The others are re-planned by regenerate.ts only: a plan
// takes 6-20 s of a CPU this suite shares, and the re-planned ones cover every kind (WebSocket, private REST, HTTP).
// A project whose sources this machine lacks (a clean clone: fetched code is never committed) is skipped with a message.
import { rulesWithoutPolicy } from "../../cli/private/no-policy";
import { runRules } from "../../guard/engine";
import { modelFromDocument } from "../../guard/load";
import { RULES } from "../../guard/rules";
import type { Finding } from "../../guard/rules/types";
import { AS_OF, checkProject, subjectOf } from "./private/check-project";
import { projectNames, readManifest } from "./private/manifest";
import { planPrerequisites, planProject } from "./private/plan-project";
import { hasSources, skippedMessage } from "./private/sources";

const can = planPrerequisites();
if ("missing" in can) console.warn(`SKIPPED corpus re-plan test: ${can.missing}`);

const replanned = projectNames().filter((n) => readManifest(n).replan);
for (const name of replanned.filter((n) => !hasSources(n))) console.warn(skippedMessage(name));
const here = replanned.filter(hasSources);
const summary = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.rule} | ${subjectOf(f)} | ${f.message}`).sort();

if (here.length === 0) {
  test.skip("GIVEN corpus projects planned again offline THEN ... (no re-planned project has its sources on this machine)", () => undefined);
} else {
  ("mirror" in can ? describe : describe.skip)("GIVEN corpus projects planned again offline", () => {
    test.each(here)(
      "THEN %s's new plan gives the findings of its plan.json",
      (name) => {
        if (!("mirror" in can)) return;
        const doc: unknown = JSON.parse(planProject(name, readManifest(name), can.mirror));
        const model = { ...modelFromDocument(doc, "plan.json"), asOf: AS_OF };
        const fresh = runRules(model, { policies: [] }, rulesWithoutPolicy(RULES)).findings;
        expect(summary(fresh)).toEqual(summary(checkProject(name).findings));
      },
      180_000,
    );
  });
}
