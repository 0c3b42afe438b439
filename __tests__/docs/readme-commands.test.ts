// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Every command block of README.md, run as a reader runs it: in a copy of the repository (node_modules linked), in a
// shell without this test's own settings (no ACCESS_SPEC, CDKTF_OUTDIR, AWS credentials or npm variables), block after
// block, so "Your own API in an hour" builds on the set-up as it does for a newcomer. Each command is held to what its
// comment promises (PASS, FAIL (exit 1), BLOCK, the routes it names); a diff block is applied to the file the text
// before it names. The two commands a test cannot run say why and name the CI step that runs them; a command that is
// neither run nor named that way fails.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { andParts, commandsOf, dispositionOf, type CiStep, type Command } from "./private/commands";
import { fencedBlocks, type FencedBlock } from "./private/read-markdown";

const ROOT = resolve(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const SHELL = new Set(["sh", "bash", "shell"]);

/** Commands no test runs, each with why and the CI step that runs it (`.ci/run` is what CI executes). */
const NOT_RUN: Readonly<Record<string, CiStep>> = {
  "npm ci": {
    why: "it reinstalls node_modules, which every suite and every copy of the repository shares",
    file: ".ci/run",
    step: /^npm ci\b/,
  },
  "npm test": {
    why: "this suite is part of it",
    file: ".ci/run",
    step: /^npm test\b/,
  },
};

/** A part of a command line that no test runs, and the CI step that does. */
interface NotRun {
  readonly part: string;
  readonly step: CiStep;
}

type Step =
  | { readonly kind: "shell"; readonly block: FencedBlock; readonly command: Command; readonly ci: readonly NotRun[]; readonly run: string }
  | { readonly kind: "diff"; readonly block: FencedBlock };

const readCi = (file: string): string => readFileSync(join(ROOT, file), "utf8");

function stepsOf(blocks: readonly FencedBlock[]): Step[] {
  return blocks.flatMap((block): Step[] => {
    if (block.lang === "diff") return [{ kind: "diff", block }];
    if (!SHELL.has(block.lang)) return [];
    return commandsOf(block.body).map((command) => {
      const parts = andParts(command.code).map((p) => ({ part: p, disposition: dispositionOf(p, NOT_RUN, readCi) }));
      return {
        kind: "shell",
        block,
        command,
        ci: parts.flatMap((p) => (p.disposition.run ? [] : [{ part: p.part, step: p.disposition.ci }])),
        run: parts
          .filter((p) => p.disposition.run)
          .map((p) => p.part)
          .join(" && "),
      };
    });
  });
}

const BLOCKS = fencedBlocks(README);
const STEPS = stepsOf(BLOCKS);

/** The file a diff block edits: the last path in backticks in the text just before it. */
function diffTarget(block: FencedBlock): string {
  const paths = [...block.before.matchAll(/`([^`\s]+\.(?:ya?ml|json|ts))`/g)].map((m) => m[1] ?? "");
  const path = paths[paths.length - 1];
  if (path === undefined) throw new Error(`README.md:${block.line}: the text before the diff names no file to apply it to`);
  return path;
}

/** Applies a diff block's removed lines -> added lines to a file; the removed lines must occur there exactly once. */
function applyDiff(file: string, diff: string): void {
  const lines = diff.split("\n").filter((l) => !l.startsWith("---") && !l.startsWith("+++") && !l.startsWith("@@"));
  const removed = lines.filter((l) => l.startsWith("-") || l.startsWith(" ")).map((l) => l.slice(1));
  const added = lines.filter((l) => l.startsWith("+") || l.startsWith(" ")).map((l) => l.slice(1));
  const text = readFileSync(file, "utf8");
  const from = `${removed.join("\n")}\n`;
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`${file}: the diff's removed lines occur ${at < 0 ? "nowhere" : "more than once"}`);
  writeFileSync(file, `${text.slice(0, at)}${added.join("\n")}\n${text.slice(at + from.length)}`);
}

/** The environment of a reader's shell: this process's, without what the test runner or a CI job put there. */
function readerEnv(): NodeJS.ProcessEnv {
  const dropped = new Set(["ACCESS_SPEC", "CDKTF_OUTDIR", "ACCESS_STATE_BUCKET", "ACCESS_STATE_REGION", "TF_PROVIDER_MIRROR", "INIT_CWD", "JEST_WORKER_ID"]);
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !dropped.has(k) && !k.startsWith("npm_") && !k.startsWith("AWS_")));
}

/** A copy of the repository as a checkout has it: no node_modules (linked instead), no build output, no tests. */
function copyRepository(): string {
  const copy = join(mkdtempSync(join(tmpdir(), "readme-commands-")), "repo");
  const skipped = new Set(["node_modules", "cdktf.out", ".git", "tmp", "test-results", "__tests__", ".deploy-local"]);
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (src) => {
      const top = relative(ROOT, src).split(sep)[0] ?? "";
      return !skipped.has(top) && !top.startsWith(".cdktf.out.staging-");
    },
  });
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(copy, "node_modules"));
  return copy;
}

const terraformOnPath = spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

/** A command that sets TF_PROVIDER_MIRROR: as written when that mirror is here, else with this machine's mirror. */
function withMirror(code: string): { code: string } | { skipped: string } {
  const m = /^TF_PROVIDER_MIRROR=(\S+)\s/.exec(code);
  if (m === null) return { code };
  if (!terraformOnPath) return { skipped: "terraform is not on PATH" };
  if (existsSync(m[1] ?? "")) return { code };
  const own = process.env.TF_PROVIDER_MIRROR ?? "";
  if (own !== "" && existsSync(own)) return { code: `TF_PROVIDER_MIRROR=${own}${code.slice(m[0].length - 1)}` };
  return { skipped: `neither ${m[1]} nor TF_PROVIDER_MIRROR names a provider mirror here` };
}

describe("README.md's code blocks", () => {
  test("GIVEN every fenced block THEN each names its language, so no command hides in an unlabelled block", () => {
    expect(BLOCKS.filter((b) => b.lang === "").map((b) => `README.md:${b.line}`)).toEqual([]);
  });

  test("GIVEN the shell blocks THEN there are commands to run, in the set-up and in 'Your own API in an hour'", () => {
    const sections = new Set(STEPS.filter((s) => s.kind === "shell" && s.run !== "").map((s) => s.block.section));
    expect(sections).toEqual(new Set(["Set-up (a fresh machine)", "Your own API in an hour"]));
  });

  test("GIVEN .ci/run's own-API step WHEN it extracts the README's set-up lines as it does THEN it gets the commands that configure examples/orders", () => {
    const line = readCi(".ci/run")
      .split("\n")
      .find((l) => l.trim().startsWith('setup="$(awk'));
    if (line === undefined) throw new Error('.ci/run: no setup="$(awk ...)" line');
    const pipeline = line.trim().slice('setup="$('.length, -')"'.length);
    const r = spawnSync("bash", ["-o", "pipefail", "-c", pipeline], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    const first = BLOCKS.find((b) => b.section === "Your own API in an hour" && SHELL.has(b.lang));
    const expected = (first?.body ?? "").split("\n").filter((l) => !l.startsWith("npm run") && !l.startsWith("TF_PROVIDER_MIRROR"));
    expect(r.stdout.trimEnd().split("\n")).toEqual(expected);
    expect(r.stdout).toContain("> access-specs.json");
  });
});

describe("GIVEN a copy of the repository WHEN README.md's command blocks are run in order", () => {
  let copy = "";
  const env = readerEnv();
  let planned = false;

  beforeAll(() => {
    copy = copyRepository();
  });
  afterAll(() => {
    if (copy !== "") rmSync(resolve(copy, ".."), { recursive: true, force: true });
  });

  for (const step of STEPS) {
    if (step.kind === "diff") {
      test(`"${step.block.section}" (README.md:${step.block.line}): the diff is applied to ${diffTarget(step.block)}`, () => {
        const file = join(copy, diffTarget(step.block));
        const before = readFileSync(file, "utf8");
        applyDiff(file, step.block.body);
        expect(readFileSync(file, "utf8")).not.toBe(before);
      });
      continue;
    }
    const { command, ci, run } = step;
    for (const { part, step: c } of ci) {
      test(`"${step.block.section}": ${part} is not run here (${c.why}); ${c.file} runs it`, () => {
        // dispositionOf already refused a missing step while the tests were collected; this names it in the results.
        expect(
          readCi(c.file)
            .split("\n")
            .some((l) => c.step.test(l.trim())),
        ).toBe(true);
      });
    }
    if (run === "") continue;
    const promise = [`exit ${command.expect.exit}`, ...command.expect.output].join(", ");
    test(`"${step.block.section}": ${run} (${promise})`, () => {
      const prepared = withMirror(run);
      if ("skipped" in prepared) {
        // Visible in the jest output: a command that did not run must never look like a pass.
        console.warn(`SKIPPED README command "${run}": ${prepared.skipped}`);
        return;
      }
      const r = spawnSync("bash", ["-o", "pipefail", "-c", prepared.code], { cwd: copy, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      const output = `${r.stdout}${r.stderr}`;
      const outcome = r.status === command.expect.exit ? "as promised" : `exit ${String(r.status ?? r.signal)}:\n${output.slice(-6000)}`;
      expect(outcome).toBe("as promised");
      for (const s of command.expect.output) expect(output).toContain(s);
      if (/\bnpm run plan\b/.test(run)) planned = true;
    }, 600_000);
  }

  test("THEN the offline plan of 'Your own API in an hour' wrote plan.json for both stacks (the copy in tmp/base keeps them)", () => {
    if (!planned) return;
    const stacks = join(copy, "tmp", "base", "stacks");
    for (const stack of ["orders-dev", "orders-prod"]) expect(existsSync(join(stacks, stack, "plan.json"))).toBe(true);
  });
});
