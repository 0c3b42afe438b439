// Code identity of a Lambda authorizer from its package on disk (a cdktf.out directory): the same files
// re-zipped are the same code whatever the zip bytes; another file content is a blocking change.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { createZip } from "../../../constructs/private/bundle";
import { loadModel } from "../../../guard/load";
import { diffModels } from "../../../guard/review/diff";
import { only, synth } from "../review/fixtures/pairs";
import { deflatedZip } from "../../helpers/deflated-zip";

const FILES = [
  { name: "index.js", data: Buffer.from("exports.handler = async (e) => decide(e);\n") },
  { name: "lib/decide.js", data: Buffer.from("module.exports = function decide() { return 'Deny'; };\n") },
];

describe("authorizer code identity from the package on disk", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "access-code-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A cdktf.out-shaped directory whose jwt-token authorizer package is `zip`, declared with `hash`. */
  function outDir(name: string, zip: Buffer, hash: string): string {
    const stackDir = join(dir, name, "stacks", "petstore-dev");
    mkdirSync(join(stackDir, "assets"), { recursive: true });
    const doc = synth("dev");
    const fn = only(doc, "aws_lambda_function", "authz-jwt-token");
    fn["filename"] = "assets/authz.zip";
    fn["source_code_hash"] = hash;
    writeFileSync(join(stackDir, "cdk.tf.json"), JSON.stringify(doc));
    writeFileSync(join(stackDir, "assets", "authz.zip"), zip);
    return join(dir, name);
  }

  const review = (name: string, head: Buffer) =>
    diffModels(loadModel(outDir(`${name}-base`, createZip(FILES), "base-hash=")), loadModel(outDir(`${name}-head`, head, "head-hash=")));
  const blocking = (r: ReturnType<typeof review>) => r.changes.filter((c) => c.severity === "blocking");

  it("GIVEN the same files re-zipped (deflated, other order, other source_code_hash) WHEN reviewed THEN nothing blocks", () => {
    expect(blocking(review("rezip", deflatedZip([...FILES].reverse())))).toEqual([]);
  });

  it("GIVEN one handler file changed WHEN reviewed THEN authorizer-code-changed names the routes it decides", () => {
    const swapped = [FILES[0], { name: "lib/decide.js", data: Buffer.from("module.exports = function decide() { return 'Allow'; };\n") }];
    const b = blocking(review("swapped", createZip(swapped)));
    expect(b.map((c) => c.kind)).toEqual(["authorizer-code-changed"]);
    expect(b[0].message).toContain("petstore-dev GET /pets/{petId}");
    expect(b[0].message).toContain("package files differ");
  });

  it("GIVEN a file added to the package WHEN reviewed THEN it blocks (a new file can be required by the handler)", () => {
    const b = blocking(review("added", createZip([...FILES, { name: "lib/backdoor.js", data: Buffer.from("1") }])));
    expect(b.map((c) => c.kind)).toEqual(["authorizer-code-changed"]);
  });

  it("GIVEN the head's package is not a zip WHEN reviewed THEN it blocks as not verified (fails closed)", () => {
    const b = blocking(review("corrupt", Buffer.from("not a zip")));
    expect(b.map((c) => c.kind)).toEqual(["authorizer-code-changed"]);
    expect(b[0].message).toContain("not verified");
  });
});
