// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// Replays the gate job: real bash runs scripts/ci/gate.sh with this repository as the base (its code, its
// node_modules, its policies/) against a head artifact laid out like the synth job's cdktf.out (a real synth of
// the sample, with manifest.json and the bundles, then one deliberate change). The malicious heads also bring
// their own source tree (cwd of the gate) and smuggle it into the artifact: a cli/review.ts that always exits 0,
// policies marking the opened route intended, policies lowering every rule to info. None of it may count.
import { spawnSync } from "child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { method, type Doc } from "../../guard/review/fixtures/pairs";
import { RULES } from "../../../guard/rules";
import { main as check } from "../../../cli/check";
import { sampleEnv } from "../../helpers/sample";

/** The check as a naive gate would run it: with the head's own policies. 0 = the attack would pass. */
const checkWithHeadPolicy = (head: string, policyDir: string): number =>
  check([head, "--policy", policyDir, "--fail-on", "low"], { out: () => undefined, err: () => undefined });

const ROOT = join(__dirname, "..", "..", "..");
const GATE = join(ROOT, "scripts", "ci", "gate.sh");
const DIGEST = /^[0-9a-f]{16}$/;
/** The base policy's verdict on the opened route, at the rule's own severity. */
const GET_PETS_CRITICAL = /\*\*critical\*\* \| `method-matches-policy` \| petstore-dev \| GET \/pets \|/;

jest.setTimeout(600_000);

let work: string;
/** A real synth of this repository: the layout the synth job uploads (manifest.json, stacks/*, assets). */
let realSynth: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "gate-replay-"));
  realSynth = join(work, "real.cdktf.out");
  const r = spawnSync(process.execPath, [join(ROOT, "scripts", "synth.mjs")], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...sampleEnv(), CDKTF_OUTDIR: realSynth },
  });
  if (r.status !== 0) throw new Error(`synth failed: ${r.stderr}`);
  expect(existsSync(join(realSynth, "manifest.json"))).toBe(true);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

type Mutation = (dev: Doc) => void;

/** GET /pets (Cognito with scope petstore/read in dev) made public: the widening every case below tries to pass. */
const open =
  (verb: string, path: string): Mutation =>
  (doc) => {
    const m = method(doc, verb, path);
    m["authorization"] = "NONE";
    delete m["authorizer_id"];
    delete m["authorization_scopes"];
  };

let counter = 0;
function headArtifact(...mutations: Mutation[]): string {
  const dir = join(work, `head-${++counter}`);
  cpSync(realSynth, dir, { recursive: true });
  const file = join(dir, "stacks", "petstore-dev", "cdk.tf.json");
  const doc = JSON.parse(readFileSync(file, "utf8")) as Doc;
  for (const m of mutations) m(doc);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return dir;
}

const basePolicy = (): string => readFileSync(join(ROOT, "policies", "petstore.yaml"), "utf8");

/** The policy with a route's entry replaced by an intended public one. */
function intendedPublic(policy: string, route: string): string {
  const start = policy.indexOf(`  "${route}":\n`);
  if (start < 0) throw new Error(`fixture: policy has no ${route}`);
  const next = policy.slice(start + 1).search(/\n\s*\n|\n {2}"/);
  const end = start + 1 + next + 1;
  return `${policy.slice(0, start)}  "${route}":\n    type: NONE\n    reason: The pet list is public from now on.\n${policy.slice(end)}`;
}

/** Every rule lowered to info, each with a reason, as a policy file may do. */
function everySeverityLowered(policy: string): string {
  const lines = RULES.map((r) => `  ${r.id}: {severity: info, reason: "not important"}`);
  return `${policy}\nseverities:\n${lines.join("\n")}\n`;
}

/** A head source tree (and the same files inside the artifact) carrying the attack. */
function headSource(files: Record<string, string>, artifact: string): string {
  const dir = join(work, `src-${++counter}`);
  for (const [path, text] of Object.entries(files)) {
    for (const root of [dir, artifact]) {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  }
  return dir;
}

interface GateRun {
  readonly status: number | null;
  readonly markdown: string;
  /** The policy check's Markdown report. */
  readonly check: string;
  readonly json: { blocking: number; unacknowledgedBlocking: number; digest: string; gateChanges?: string[]; loweredSeverities: unknown[] };
  readonly stderr: string;
}

/**
 * @param opts.synthBase the gate synthesizes the base itself (default: it reuses the one synth of this repository,
 *   which is also the synth of every other base here: they differ from this repository in policies/ only).
 */
function gate(opts: { base?: string; head: string; cwd?: string; acks?: string[]; changed: string[]; synthBase?: boolean }): GateRun {
  const dir = join(work, `run-${++counter}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "acks.txt"), (opts.acks ?? []).map((a) => `${a}\n`).join(""));
  writeFileSync(join(dir, "changed.txt"), opts.changed.map((c) => `${c}\n`).join(""));
  const out = join(dir, "out");
  // The base synthesizes the sample whatever access-specs.json configures: the heads here are the sample changed.
  const env: NodeJS.ProcessEnv = sampleEnv();
  delete env.CDKTF_OUTDIR;
  if (opts.synthBase === true) delete env.GATE_BASE_SYNTH;
  else env.GATE_BASE_SYNTH = realSynth;
  const r = spawnSync("bash", [GATE, opts.base ?? ROOT, opts.head, out, join(dir, "acks.txt"), join(dir, "changed.txt")], {
    cwd: opts.cwd ?? dir,
    encoding: "utf8",
    env,
  });
  const read = (f: string): string => (existsSync(join(out, f)) ? readFileSync(join(out, f), "utf8") : "");
  const json = read("review.json");
  return {
    status: r.status,
    markdown: read("review.md"),
    check: read("check.md"),
    json: json === "" ? ({} as GateRun["json"]) : JSON.parse(json),
    stderr: r.stderr,
  };
}

describe("gate.sh replay", () => {
  it("GIVEN a harmless head (no access change) WHEN the gate runs THEN it passes", () => {
    const run = gate({ head: headArtifact(), changed: ["README.md"], synthBase: true });
    expect({ status: run.status, blocking: run.json.blocking }).toEqual({ status: 0, blocking: 0 });
    expect(run.markdown).toContain("No authorization downgrade");
  });

  it("GIVEN GET /pets opened and cli/review.ts edited to always exit 0 WHEN the gate runs THEN it blocks and names the route", () => {
    const head = headArtifact(open("GET", "/pets"));
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const cwd = headSource(
      {
        "cli/review.ts": "process.exit(0);\n",
        "cli/check.ts": "process.exit(0);\n",
        "package.json": JSON.stringify({ ...pkg, scripts: { ...pkg.scripts, review: "exit 0", check: "exit 0", synth: "exit 0" } }),
      },
      head,
    );
    const run = gate({ head, cwd, changed: ["cli/review.ts", "package.json", "stacks/petstore.ts"] });
    expect(run.status).toBe(1);
    expect(run.markdown).toContain("GET /pets");
    expect(run.json.unacknowledgedBlocking).toBeGreaterThan(0);
    expect(run.json.gateChanges).toEqual(expect.arrayContaining(["cli/review.ts", "package.json"]));
  });

  it("GIVEN GET /pets opened and the head's policy marking it intended WHEN the gate runs THEN the base's policy decides: it blocks", () => {
    const head = headArtifact(open("GET", "/pets"));
    const cwd = headSource({ "policies/petstore.yaml": intendedPublic(basePolicy(), "GET /pets") }, head);
    expect(checkWithHeadPolicy(head, join(cwd, "policies"))).toBe(0);
    const run = gate({ head, cwd, changed: ["policies/petstore.yaml", "stacks/petstore.ts"] });
    expect(run.status).toBe(1);
    expect(run.markdown).toContain("GET /pets");
    expect(run.check).toMatch(GET_PETS_CRITICAL);
    expect(run.json.gateChanges).toEqual(expect.arrayContaining(["policies/petstore.yaml"]));
  });

  it("GIVEN GET /pets opened and the head's policy lowering every rule to info WHEN the gate runs THEN it blocks", () => {
    const head = headArtifact(open("GET", "/pets"));
    const cwd = headSource({ "policies/petstore.yaml": everySeverityLowered(basePolicy()) }, head);
    expect(checkWithHeadPolicy(head, join(cwd, "policies"))).toBe(0);
    const run = gate({ head, cwd, changed: ["policies/petstore.yaml"] });
    expect(run.status).toBe(1);
    expect(run.markdown).toContain("GET /pets");
    expect(run.check).toMatch(GET_PETS_CRITICAL);
    expect(run.json.loweredSeverities).toEqual([]);
  });

  describe("acknowledgements", () => {
    /** The base after a reviewed policy change made GET /pets intended public (policy first, its own pull request). */
    let base: string;
    beforeAll(() => {
      base = join(work, "base");
      cpSync(ROOT, base, { recursive: true, filter: (src) => !/\/(node_modules|cdktf\.out|\.git)$/.test(src) && !src.includes("/.cdktf.out.staging-") });
      symlinkSync(join(ROOT, "node_modules"), join(base, "node_modules"));
      writeFileSync(join(base, "policies", "petstore.yaml"), intendedPublic(basePolicy(), "GET /pets"));
      // Only the policy differs from this repository, so the gate reuses its synth (GATE_BASE_SYNTH).
    });

    it("GIVEN a downgrade the policy allows WHEN acknowledged by its digest THEN it passes; after a push that adds one, the old digest does not", () => {
      const first = headArtifact(open("GET", "/pets"));
      const unacknowledged = gate({ base, head: first, changed: ["stacks/petstore.ts"] });
      expect(unacknowledged.status).toBe(1);
      expect(unacknowledged.json.digest).toMatch(DIGEST);
      expect(unacknowledged.markdown).toContain(`authz-ack:${unacknowledged.json.digest}`);

      const acknowledged = gate({ base, head: first, acks: ["not-a-digest", unacknowledged.json.digest], changed: ["stacks/petstore.ts"] });
      expect({ status: acknowledged.status, stderr: acknowledged.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
      expect(acknowledged.stderr).toContain('ignoring "not-a-digest"');

      // The label applied for the first report stays on the pull request; the push adds POST /pets.
      const pushed = headArtifact(open("GET", "/pets"), open("POST", "/pets"));
      const stale = gate({ base, head: pushed, acks: [unacknowledged.json.digest], changed: ["stacks/petstore.ts"] });
      expect(stale.status).toBe(1);
      expect(stale.json.unacknowledgedBlocking).toBeGreaterThan(0);
      expect(stale.json.digest).not.toBe(unacknowledged.json.digest);
      expect(stale.markdown).toContain("POST /pets");
    });
  });

  it("GIVEN no head artifact WHEN the gate runs THEN it fails closed with exit 2", () => {
    const run = gate({ head: join(work, "missing"), changed: [] });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("does not exist");
  });
});
