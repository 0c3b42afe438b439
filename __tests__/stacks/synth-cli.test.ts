// @slow-suite: starts first on a clean clone (__tests__/setup/sequencer.js).
// `npm run synth` end to end: a good run writes every stack; a bad spec lists every problem with file,
// path and value, exits non-zero and leaves no output behind.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { petstoreDev } from "../../access-spec/samples/petstore";
import { SAMPLE_SPEC } from "../helpers/sample";

const root = resolve(__dirname, "..", "..");
const synth = (env: Record<string, string>): { status: number | null; stderr: string; stdout: string } => {
  const run = spawnSync(process.execPath, [join(root, "scripts", "synth.mjs")], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout };
};

describe("GIVEN the built-in sample specs WHEN npm run synth runs into a directory whose parent does not exist yet", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "synth-ok-")), "not", "yet");
  const outdir = join(dir, "cdktf.out");
  const run = synth({ CDKTF_OUTDIR: outdir, ACCESS_SPEC: SAMPLE_SPEC });

  test("THEN it succeeds and writes one stack per environment", () => {
    expect(run.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["petstore-dev", "petstore-prod"]);
    expect(existsSync(join(outdir, "stacks", "petstore-dev", "cdk.tf.json"))).toBe(true);
    expect(readdirSync(dir).filter((d) => d.startsWith(".cdktf.out.staging-"))).toEqual([]);
  });
});

describe("GIVEN an output directory that cannot be created (its parent is a file) WHEN npm run synth runs", () => {
  const dir = mkdtempSync(join(tmpdir(), "synth-blocked-"));
  writeFileSync(join(dir, "file"), "");
  const run = synth({ CDKTF_OUTDIR: join(dir, "file", "cdktf.out") });

  test("THEN one line names the directory and the reason, exit 2, no stack trace", () => {
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`synth: cannot create ${join(dir, "file")} to write ${join(dir, "file", "cdktf.out")} into: EEXIST (a file is in the way)\n`);
  });
});

describe("GIVEN a spec file with several problems WHEN npm run synth runs", () => {
  const dir = mkdtempSync(join(tmpdir(), "synth-bad-"));
  const outdir = join(dir, "cdktf.out");
  const specFile = join(dir, "bad-spec.json");
  const bad = JSON.parse(JSON.stringify(petstoreDev)) as { routes: { auth: Record<string, unknown> }[]; stage: Record<string, unknown> };
  bad.routes[2].auth.scopes = ["petstore/raed"];
  bad.routes[0].auth.reason = "";
  bad.stage.throttle = { rateLimit: -1, burstLimit: 10 };
  writeFileSync(specFile, JSON.stringify(bad, null, 2));
  const run = synth({ CDKTF_OUTDIR: outdir, ACCESS_SPEC: specFile });

  test("THEN it exits 2 (bad input)", () => {
    expect(run.status).toBe(2);
  });

  test("THEN every problem is named with the file, the spec path and the bad value", () => {
    expect(run.stderr).toContain(`${specFile}: routes[2].auth.scopes[0]`);
    expect(run.stderr).toContain("petstore/raed");
    expect(run.stderr).toContain(`${specFile}: routes[0].auth.reason`);
    expect(run.stderr).toContain(`${specFile}: stage.throttle.rateLimit`);
  });

  test("THEN nothing of the failed run is left behind", () => {
    expect(existsSync(outdir)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(["bad-spec.json"]);
  });
});

describe("GIVEN hostile or broken spec files WHEN npm run synth runs", () => {
  const dir = mkdtempSync(join(tmpdir(), "synth-hostile-"));
  const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++)
    laughs.push(
      `${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9)
        .fill(`*${"abcdefghi"[i - 1]}`)
        .join(",")}]`,
    );
  const cases: [string, string, string][] = [
    ["deep.json", `{"environment": ${deep}}`, "nested deeper than 512 levels at line 1"],
    ["laughs.yaml", `${laughs.join("\n")}\n`, "bad YAML: aliases expand beyond 1000 nodes"],
    ["throws.ts", 'throw new Error("the spec module exploded");\n', "cannot load module: the spec module exploded"],
    ["dup.json", '{"name": "a", "name": "b"}', "bad JSON at line 1, column 15: duplicate key"],
  ];
  test.each(cases)("%s: one clear line, exit 2, no stack trace, nothing written", (file, text, message) => {
    const specFile = join(dir, file);
    writeFileSync(specFile, text);
    const outdir = join(dir, `out-${file}`);
    const run = synth({ CDKTF_OUTDIR: outdir, ACCESS_SPEC: specFile });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${specFile}: ${message}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(outdir)).toBe(false);
  });
});
