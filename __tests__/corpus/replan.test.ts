// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Real terraform, offline: the corpus projects whose manifest says `replan` are planned again from their committed
// files (placeholder credentials, mirror-only providers) and the check of the new plan must find exactly what it
// finds in the committed plan.json, which corpus.test.ts compares with the reviewed expectations. So the committed
// plans cannot drift from their sources unnoticed. The others are re-planned by regenerate.ts only: a plan takes
// 6-20 s of a CPU this suite shares, and the re-planned ones cover every kind (WebSocket, private REST, HTTP).
import { rulesWithoutPolicy } from "../../cli/private/no-policy";
import { runRules } from "../../guard/engine";
import { modelFromDocument } from "../../guard/load";
import { RULES } from "../../guard/rules";
import type { Finding } from "../../guard/rules/types";
import { AS_OF, checkProject, subjectOf } from "./private/check-project";
import { projectNames, readManifest } from "./private/manifest";
import { planPrerequisites, planProject } from "./private/plan-project";

const can = planPrerequisites();
if ("missing" in can) console.warn(`SKIPPED corpus re-plan test: ${can.missing}`);

const replanned = projectNames().filter((n) => readManifest(n).replan);
const summary = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.rule} | ${subjectOf(f)} | ${f.message}`).sort();

("mirror" in can ? describe : describe.skip)("GIVEN corpus projects planned again offline", () => {
  test.each(replanned)(
    "THEN %s's new plan gives the committed plan's findings",
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
