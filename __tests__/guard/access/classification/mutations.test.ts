// The mutation harness drawn from the classification: every classified attribute present in the sample synth
// (dev and prod) is mutated once. A non-neutral attribute moved in its widening direction must block the review; a
// neutral one must not. Attributes whose direction is `judged` (their module's comparer decides in context) are
// counted apart: a blind edit may be harmless there. Prints the score.
import { modelFromDocument } from "../../../../guard/load";
import { diffModels } from "../../../../guard/review/diff";
import { synth } from "../../review/fixtures/pairs";
import { applyMutation, mutationsOf, type AttributeMutation } from "./mutations";

const ENVS = ["dev", "prod"] as const;
const bases = Object.fromEntries(ENVS.map((e) => [e, modelFromDocument(synth(e), `${e}.cdk.tf.json`)]));

function blocks(m: AttributeMutation): string[] {
  const head = synth(m.env);
  applyMutation(head, m);
  const report = diffModels(bases[m.env], modelFromDocument(head, `${m.env}.head.cdk.tf.json`));
  return report.changes.filter((c) => c.severity === "blocking").map((c) => c.kind);
}

const mutations = ENVS.flatMap((e) => mutationsOf(e, synth(e)));
const label = (m: AttributeMutation) => `${m.env} ${m.type}.${m.path}`;
const judged = (m: AttributeMutation) => (m.classification.class === "modelled" || m.classification.class === "rule") && m.classification.widens === "judged";

describe("GIVEN one mutation per classified attribute of the sample synth", () => {
  const results = mutations.map((m) => ({ m, kinds: blocks(m) }));

  it("THEN there are mutations of every class", () => {
    const classes = new Set(mutations.map((m) => m.classification.class));
    expect([...classes].sort()).toEqual(["modelled", "neutral", "not-verified", "rule"]);
  });

  it("THEN every non-neutral attribute moved in its widening direction blocks (score printed)", () => {
    const widening = results.filter((r) => r.m.classification.class !== "neutral" && !judged(r.m));
    const missed = widening.filter((r) => r.kinds.length === 0).map((r) => label(r.m));
    const judgedResults = results.filter((r) => judged(r.m));
    console.log(
      `classification mutation score: ${widening.length - missed.length}/${widening.length} non-neutral attributes block; ` +
        `judged in context: ${judgedResults.filter((r) => r.kinds.length > 0).length}/${judgedResults.length} blind edits block; ` +
        `neutral: ${results.filter((r) => r.m.classification.class === "neutral").length} mutations`,
    );
    expect(missed).toEqual([]);
  });

  it("THEN no neutral mutation blocks", () => {
    const noisy = results.filter((r) => r.m.classification.class === "neutral" && r.kinds.length > 0).map((r) => `${label(r.m)}: ${r.kinds.join(", ")}`);
    expect(noisy).toEqual([]);
  });
});
