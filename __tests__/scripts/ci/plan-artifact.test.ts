// scripts/ci/plan-artifact.sh: the reviewed plan and its stack go from the plan job to the deploy job encrypted, and
// the deploy job takes exactly the file whose digest the plan job recorded. Real bash, tar and openssl.
import { spawnSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const SCRIPT = join(__dirname, "..", "..", "..", "scripts", "ci", "plan-artifact.sh");
const KEY = "k".repeat(40);
const SECRET = "origin-verify-secret-marker-7f3a";

let dir: string;
const run = (args: string[], key = KEY) => spawnSync("bash", [SCRIPT, ...args], { encoding: "utf8", env: { ...process.env, PLAN_ARTIFACT_KEY: key } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-artifact-"));
  mkdirSync(join(dir, "out", "stacks", "petstore-prod", "assets"), { recursive: true });
  mkdirSync(join(dir, "out", "stacks", "petstore-prod", ".terraform", "providers"), { recursive: true });
  writeFileSync(join(dir, "out", "stacks", "petstore-prod", "cdk.tf.json"), '{"resource":{}}');
  writeFileSync(join(dir, "out", "stacks", "petstore-prod", "assets", "fn.zip"), "zip bytes");
  writeFileSync(join(dir, "out", "stacks", "petstore-prod", ".terraform", "providers", "big-binary"), "provider");
  writeFileSync(join(dir, "reviewed.tfplan"), `binary plan holding ${SECRET}`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pack = () => run(["pack", join(dir, "out", "stacks"), "petstore-prod", join(dir, "reviewed.tfplan"), join(dir, "artifact.bin")]);

describe("plan-artifact.sh", () => {
  it("GIVEN a packed plan WHEN unpacked with its digest THEN the stack (without .terraform) and the plan come back as they were", () => {
    const packed = pack();
    expect(packed.stderr).toBe("");
    expect(packed.status).toBe(0);
    const digest = packed.stdout.trim();
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const unpacked = run(["unpack", join(dir, "artifact.bin"), digest, join(dir, "deploy", "stacks"), join(dir, "deploy", "reviewed.tfplan")]);
    expect(unpacked.stderr).toBe("");
    expect(unpacked.status).toBe(0);
    expect(readFileSync(join(dir, "deploy", "stacks", "petstore-prod", "assets", "fn.zip"), "utf8")).toBe("zip bytes");
    expect(readFileSync(join(dir, "deploy", "reviewed.tfplan"), "utf8")).toContain(SECRET);
    expect(existsSync(join(dir, "deploy", "stacks", "petstore-prod", ".terraform"))).toBe(false);
  });

  it("GIVEN the artifact THEN the plan's secrets are not in it in plain text", () => {
    expect(pack().status).toBe(0);
    expect(readFileSync(join(dir, "artifact.bin")).includes(Buffer.from(SECRET))).toBe(false);
  });

  it("GIVEN another file than the one whose digest the plan job recorded THEN it is refused (exit 1) and nothing is unpacked", () => {
    const digest = pack().stdout.trim();
    writeFileSync(join(dir, "reviewed.tfplan"), "a different plan");
    expect(pack().status).toBe(0);
    const r = run(["unpack", join(dir, "artifact.bin"), digest, join(dir, "deploy", "stacks"), join(dir, "deploy", "reviewed.tfplan")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("this is not the plan that was reviewed");
    expect(existsSync(join(dir, "deploy"))).toBe(false);
  });

  it("GIVEN the wrong key THEN it is refused (exit 1)", () => {
    const digest = pack().stdout.trim();
    const r = run(["unpack", join(dir, "artifact.bin"), digest, join(dir, "deploy", "stacks"), join(dir, "deploy", "reviewed.tfplan")], "w".repeat(40));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("does not decrypt");
    expect(existsSync(join(dir, "deploy", "reviewed.tfplan"))).toBe(false);
  });

  it.each([
    [
      "no key",
      () => run(["pack", join(dir, "out", "stacks"), "petstore-prod", join(dir, "reviewed.tfplan"), join(dir, "a.bin")], ""),
      "PLAN_ARTIFACT_KEY must be set",
    ],
    [
      "a stack name with a slash",
      () => run(["pack", join(dir, "out", "stacks"), "../x", join(dir, "reviewed.tfplan"), join(dir, "a.bin")]),
      "plain directory name",
    ],
    ["a malformed digest", () => run(["unpack", join(dir, "a.bin"), "abc", join(dir, "d"), join(dir, "p")]), "64 hex characters"],
    ["no command", () => run([]), "usage: plan-artifact.sh"],
  ])("GIVEN %s THEN exit 2 with one line saying so", (_what, go, message) => {
    const r = go();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
