// Review benchmark (issue 9): the authorization review of two real 1,000-route synths (the generated spec through
// the real AccessStack; the head downgrades one route) and the check of one, each against `terraform show -json`
// of the same stack planned offline with real terraform. Target: review <= 0.25 of show. Each measurement runs in
// a fresh process (median of 3): load both cdktf.out directories (route tables included, as the CLI does), diff,
// render the Markdown comment.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { OFFLINE_VARS_FILE, OVERRIDE_FILE, offlineOverride, offlineVariables } from "../cli/private/terraform";
import { runRules } from "../guard/engine";
import { loadModel } from "../guard/load";
import { diffModels } from "../guard/review/diff";
import { renderMarkdown } from "../guard/report/review/markdown";
import { loadRouteTables } from "../guard/review/route-tables";
import { AccessStack } from "../stacks/access-stack";
import { validateSpec } from "../access-spec/validate";
import { generatedSpec } from "./private/generated-spec";
import { medianOfChildren } from "./private/measure";
import { planIn, timeShow } from "./private/terraform-show";

const RUNS = 3;
const ROUTES = 1000;
const STACK = "bench";

/** Synthesize the generated spec; `downgrade` makes its first route (COGNITO) public. */
export function synthesize(outdir: string, downgrade: boolean): void {
  const spec = generatedSpec(ROUTES);
  const routes = downgrade
    ? spec.routes.map((r, i) => (i === 0 ? { ...r, auth: { type: "NONE" as const, reason: "benchmark: one route downgraded" } } : r))
    : spec.routes;
  const head = { ...spec, routes };
  validateSpec(head, downgrade ? "head" : "base");
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  new AccessStack(app, STACK, { spec: head });
  app.synth();
}

interface Sample {
  readonly ms: number;
  readonly routes: number;
  readonly blocking?: number;
  readonly findings?: number;
}

/** Child mode: one review (both loads, diff, Markdown) or one check (load, every rule), timed in this process. */
function measureHere(what: string, base: string, head: string): Sample {
  const t0 = process.hrtime.bigint();
  if (what === "check") {
    const model = loadModel(base);
    const { findings } = runRules(model, { policies: [] });
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, routes: model.routes.length, findings: findings.length };
  }
  const b = loadModel(base, { side: "after" });
  const h = loadModel(head, { side: "after" });
  // `review+check`: as the CLI runs it, the policy check on both sides too (control-regressed).
  const checked = what === "review+check" ? { baseFindings: findingsOf(b), findings: findingsOf(h) } : {};
  const report = diffModels(b, h, { baseLabel: "base", headLabel: "head", routeTables: { base: loadRouteTables(b), head: loadRouteTables(h) }, ...checked });
  const text = renderMarkdown(report);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (text.length === 0) throw new Error("empty review");
  return { ms, routes: h.routes.length, blocking: report.blocking };
}

const findingsOf = (model: ReturnType<typeof loadModel>) =>
  runRules(model, { policies: [] }).findings.map((f) => ({ ruleId: f.rule, severity: f.severity, message: f.message, address: f.address }));

const measure = (what: string, base: string, head: string): Sample =>
  medianOfChildren<Sample>(__filename, ["--measure", what, base, head], RUNS, `review bench (${what})`);

/** Plan the base stack offline with real terraform (a copy of its directory) and time `terraform show -json`. */
function terraformShow(stackDir: string, dir: string): { showMs: number; resources: number } | { skipped: string } {
  const tf = join(dir, "tf");
  cpSync(stackDir, tf, { recursive: true });
  const stackJson: unknown = JSON.parse(readFileSync(join(tf, "cdk.tf.json"), "utf8"));
  writeFileSync(join(tf, OVERRIDE_FILE), JSON.stringify(offlineOverride(stackJson)));
  writeFileSync(join(tf, OFFLINE_VARS_FILE), JSON.stringify(offlineVariables(stackJson, {})));
  const planned = planIn(tf, dir);
  if ("skipped" in planned) return planned;
  const env = planned.env;
  const shown = timeShow(tf, env, RUNS, join(dir, "plan.json"));
  if ("skipped" in shown) return shown;
  const resources = (JSON.parse(readFileSync(shown.planFile, "utf8")) as { resource_changes?: unknown[] }).resource_changes?.length ?? 0;
  return { showMs: shown.showMs, resources };
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "bench-review-"));
  try {
    const base = join(dir, "base", "cdktf.out");
    const head = join(dir, "head", "cdktf.out");
    synthesize(base, false);
    synthesize(head, true);
    const review = measure("review", base, head);
    const withChecks = measure("review+check", base, head);
    const check = measure("check", base, base);
    const tf = terraformShow(join(base, "stacks", STACK), dir);
    const ratio = (ms: number) => ("showMs" in tf ? Number((ms / tf.showMs).toFixed(3)) : null);
    const result = {
      runs: RUNS,
      routes: review.routes,
      review: { ms: Math.round(review.ms), blocking: review.blocking },
      reviewWithChecks: { ms: Math.round(withChecks.ms), blocking: withChecks.blocking },
      check: { ms: Math.round(check.ms), findings: check.findings },
      terraformShowJsonMs: "showMs" in tf ? Math.round(tf.showMs) : `skipped: ${tf.skipped}`,
      ...("resources" in tf ? { planResources: tf.resources } : {}),
      reviewOverShow: ratio(review.ms),
      reviewWithChecksOverShow: ratio(withChecks.ms),
      checkOverShow: ratio(check.ms),
      target: "reviewOverShow <= 0.25",
    };
    console.log("review (median of %d, fresh process each; two real %d-route synths, head with one route downgraded):", RUNS, ROUTES);
    console.log("  review (load both cdktf.out + diff + Markdown): %d ms, %d blocking", result.review.ms, result.review.blocking);
    console.log("  review + the check on both sides (as the CLI):  %d ms, %d blocking", result.reviewWithChecks.ms, result.reviewWithChecks.blocking);
    console.log("  check of one (load + every rule):              %d ms, %d findings", result.check.ms, result.check.findings);
    if ("showMs" in tf) {
      console.log("  terraform show -json of the same plan (%d resources): %d ms", tf.resources, Math.round(tf.showMs));
      console.log(
        "  review / show: %s (target <= 0.25); review with both checks / show: %s; check / show: %s",
        result.reviewOverShow,
        result.reviewWithChecksOverShow,
        result.checkOverShow,
      );
    } else console.log("  terraform show -json: %s", result.terraformShowJsonMs);
    mkdirSync(join(__dirname, "results"), { recursive: true });
    writeFileSync(join(__dirname, "results", "review.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv[2] === "--measure") {
    process.stdout.write(`${JSON.stringify(measureHere(process.argv[3], process.argv[4], process.argv[5]))}\n`);
  } else {
    run().catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  }
}
