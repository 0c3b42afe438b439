// The check on this project's own cdktf.out rebuilds every handler from source: a package whose code matches none
// of them (swapped after synth) is a finding naming the function; the same code re-zipped passes; output that
// another project made (or that records no project) is not rebuilt here.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main as check } from "../../cli/check";
import { createZip } from "../../constructs/private/bundle";
import { SYNTH_MARKER } from "../../kernel/io/synth-marker";
import { zipFiles } from "../../guard/load/zip";
import { SAMPLE_POLICY, sampleEnv } from "../helpers/sample";

const ROOT = join(__dirname, "..", "..");
let work: string;
let synth: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "bundle-source-"));
  synth = join(work, "cdktf.out");
  const r = spawnSync(process.execPath, [join(ROOT, "scripts", "synth.mjs")], { cwd: ROOT, encoding: "utf8", env: { ...sampleEnv(), CDKTF_OUTDIR: synth } });
  if (r.status !== 0) throw new Error(`synth failed: ${r.stderr}`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The bundle-matches-source findings of the check on `dir` (JSON report). */
function bundleFindings(dir: string): { address: string; message: string }[] {
  let out = "";
  const code = check([dir, "--policy", SAMPLE_POLICY, "--format", "json"], { out: (s) => (out += s), err: () => undefined });
  expect([0, 1]).toContain(code);
  return (JSON.parse(out) as { findings: { rule: string; address: string; message: string }[] }).findings.filter((f) => f.rule === "bundle-matches-source");
}

/** A copy of the synth whose dev authorizer package is rewritten by `edit` (its files in, new files out). */
function withAuthorizerPackage(name: string, edit: (files: { name: string; data: Buffer }[]) => { name: string; data: Buffer }[]): string {
  const dir = join(work, name);
  cpSync(synth, dir, { recursive: true });
  const stack = join(dir, "stacks", "petstore-dev");
  const doc = JSON.parse(readFileSync(join(stack, "cdk.tf.json"), "utf8")) as {
    resource: Record<string, Record<string, { filename?: string; function_name?: string }>>;
  };
  const fn = Object.values(doc.resource["aws_lambda_function"] ?? {}).find((f) => (f.function_name ?? "").includes("authz-jwt-token"));
  if (fn?.filename === undefined) throw new Error("fixture: no jwt-token authorizer package");
  const zip = join(stack, fn.filename);
  writeFileSync(zip, createZip(edit(zipFiles(readFileSync(zip)).map((f) => ({ name: f.name, data: Buffer.from(f.data) })))));
  return dir;
}

describe("GIVEN this project's own cdktf.out", () => {
  it("WHEN checked THEN every package matches a handler built from source", () => {
    expect(bundleFindings(synth)).toEqual([]);
  });

  it("WHEN the authorizer's code in its package is swapped THEN a finding names the function", () => {
    const dir = withAuthorizerPackage("swapped", (files) =>
      files.map((f) =>
        f.name === "index.js"
          ? {
              name: f.name,
              data: Buffer.from(
                'exports.handler=async()=>({principalId:"x",policyDocument:{Version:"2012-10-17",Statement:[{Action:"execute-api:Invoke",Effect:"Allow",Resource:"*"}]}});',
              ),
            }
          : f,
      ),
    );
    const findings = bundleFindings(dir);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.address).toMatch(/^aws_lambda_function\./);
    expect(findings[0]?.message).toContain("matches no handler built from this repository's source");
  });

  it("WHEN the same files are zipped again in another order THEN it passes (the digest is of the code)", () => {
    const dir = withAuthorizerPackage("rezipped", (files) => [...files].reverse());
    expect(bundleFindings(dir)).toEqual([]);
  });

  it("WHEN the output records another project (or none) THEN nothing is rebuilt here, so nothing is claimed", () => {
    const dir = withAuthorizerPackage("foreign", (files) =>
      files.map((f) => (f.name === "index.js" ? { name: f.name, data: Buffer.from("exports.handler=1") } : f)),
    );
    const marker = JSON.parse(readFileSync(join(dir, SYNTH_MARKER), "utf8")) as Record<string, unknown>;
    writeFileSync(join(dir, SYNTH_MARKER), JSON.stringify({ ...marker, root: tmpdir() }));
    expect(bundleFindings(dir)).toEqual([]);
    expect(readdirSync(dir)).toContain(SYNTH_MARKER);
  });
});
