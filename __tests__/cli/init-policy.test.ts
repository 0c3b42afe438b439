// `check <input> --init-policy DIR` on the real sample synths: the drafted policies describe every route as it is,
// refuse to pass until a person writes each TODO reason, never overwrite a file, never draft what is unknown,
// and stay inert whatever names the input holds.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/check";
import { parseDataText } from "../../kernel/io/data-file";
import { parsePolicyDocument } from "../../guard/policy/parse";
import { method, only, synth, type Doc } from "../guard/review/fixtures/pairs";

const SYNTH = join(__dirname, "..", "guard", "review", "fixtures", "synth");
const POLICIES = join(__dirname, "..", "..", "policies");

interface Finding {
  readonly rule: string;
  readonly severity: string;
  readonly address: string;
  readonly route: string | null;
  readonly waived?: unknown;
}

function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const tmp = (): string => mkdtempSync(join(tmpdir(), "init-policy-"));

function write(doc: Doc): string {
  const file = join(tmp(), "head.cdk.tf.json");
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

/** What a person does after reviewing the draft: write a reason for every TODO route. */
function fillReasons(dir: string): void {
  for (const f of readdirSync(dir))
    writeFileSync(join(dir, f), readFileSync(join(dir, f), "utf8").replace(/reason: TODO$/gm, 'reason: "reviewed: serves public data only"'));
}

describe.each(["dev", "prod"])("GIVEN the petstore-%s synth", (env) => {
  const input = join(SYNTH, `petstore-${env}.cdk.tf.json`);

  it("WHEN drafted THEN the draft fails naming each open or key-only route, and passes once reasons are written", () => {
    const dir = join(tmp(), "policies");
    const drafted = run(input, "--init-policy", dir);
    expect(drafted).toMatchObject({ code: 0, err: "" });
    expect(readdirSync(dir)).toEqual([`petstore-${env}.yaml`]);
    expect(drafted.out).toContain("reason: TODO on GET /, GET /catalog, GET /health");
    // The admin-only handler declares (access-decider tag) that it checks the caller's group itself.
    expect(readFileSync(join(dir, `petstore-${env}.yaml`), "utf8")).toContain(`deciders:\n  "petstore-${env}-admin-only": "cognito:groups contains admins"\n`);
    // The frozen synth has no authorizer packages beside it: their route tables cannot be read.
    expect(drafted.out).toContain(
      "groups and scopes to write by hand (decided inside a Lambda authorizer): DELETE /pets/{petId}, GET /pets/{petId}, PUT /pets/{petId}/photo",
    );

    const refused = run(input, "--policy", dir);
    expect(refused.code).toBe(2);
    const lines = refused.err.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/routes\["GET \/"\]\.reason: NONE needs a written reason .*\(got "TODO"\)$/),
      expect.stringMatching(/routes\["GET \/catalog"\]\.reason: API_KEY needs a written reason .*\(got "TODO"\)$/),
      expect.stringMatching(/routes\["GET \/health"\]\.reason: NONE needs a written reason .*\(got "TODO"\)$/),
    ]);

    fillReasons(dir);
    // Every route matches its drafted entry; whatever else fails is the configuration's own (it fails the same
    // with the hand-written policies/petstore.yaml), never the draft's.
    const failing = (policy: string) => {
      const r = run(input, "--policy", policy, "--format", "json");
      return (JSON.parse(r.out) as { findings: Finding[] }).findings.filter((f) => f.severity !== "info" && f.waived === undefined);
    };
    const withDraft = failing(dir);
    expect(withDraft.filter((f) => f.route !== null)).toEqual([]);
    const reviewed = failing(POLICIES).map((f) => `${f.rule} ${f.address}`);
    for (const f of withDraft) expect(reviewed).toContain(`${f.rule} ${f.address}`);
  });
});

it("GIVEN a draft for the same API in DIR THEN exit 2 naming it, and the file is left as it was", () => {
  const input = join(SYNTH, "petstore-dev.cdk.tf.json");
  const dir = tmp();
  writeFileSync(join(dir, "petstore-dev.yaml"), "# reviewed by hand\n");
  const r = run(input, "--init-policy", dir);
  expect(r.code).toBe(2);
  expect(r.err).toBe(`check: ${dir}: refusing to overwrite ${join(dir, "petstore-dev.yaml")}: move them away or choose another directory\n`);
  expect(readFileSync(join(dir, "petstore-dev.yaml"), "utf8")).toBe("# reviewed by hand\n");
  expect(readdirSync(dir)).toEqual(["petstore-dev.yaml"]);
});

it("GIVEN a method whose authorization is known only after apply THEN it is not drafted, and the filled-in draft still fails on it", () => {
  const doc = synth("dev");
  method(doc, "GET", "/profile")["authorization"] = "${var.profile_auth}";
  const input = write(doc);
  const dir = join(tmp(), "p");
  const drafted = run(input, "--init-policy", dir);
  expect(drafted.code).toBe(0);
  expect(drafted.out).toMatch(/not drafted: "GET \/profile" \(.*\): authorization \(known after apply: \$\{var\.profile_auth\}\)/);
  const text = readFileSync(join(dir, "petstore-dev.yaml"), "utf8");
  expect(text).not.toMatch(/^ {2}"GET \/profile":/m);
  expect(text).toMatch(/^# {3}"GET \/profile" .*known after apply/m);
  fillReasons(dir);
  const checked = run(input, "--policy", dir);
  expect(checked.code).toBe(1);
  expect(checked.out).toMatch(/GET \/profile/);
});

it("GIVEN an API whose name carries a quote, line breaks and YAML THEN the draft names it exactly and adds nothing", () => {
  const doc = synth("dev");
  const evil = 'petstore-dev"\nroutes: {}\nwaivers: [{rule: no-open-method, route: "GET /health", reason: "injected by a name"}]\n# ';
  only(doc, "aws_api_gateway_rest_api")["name"] = evil;
  const dir = join(tmp(), "p");
  expect(run(write(doc), "--init-policy", dir).code).toBe(0);
  const [file] = readdirSync(dir);
  expect(file).not.toMatch(/[\n"{}]/);
  const parsed = parseDataText(readFileSync(join(dir, file), "utf8"), "yaml");
  if (!parsed.ok) throw new Error(parsed.message);
  const data = parsed.data as Record<string, unknown>;
  expect(Object.keys(data).sort()).toEqual(["api", "corsPreflight", "routes"]);
  expect(data["api"]).toBe(evil);
  expect(Object.keys(data["routes"] as object)).toHaveLength(13);
  // Still refused as drafted: the TODO reasons hold whatever the name.
  expect(parsePolicyDocument(data, file).problems.map((p) => p.path)).toEqual([
    'routes["GET /"].reason',
    'routes["GET /catalog"].reason',
    'routes["GET /health"].reason',
  ]);
});

it("GIVEN --init-policy with --policy THEN exit 2: a draft checks nothing", () => {
  const r = run(join(SYNTH, "petstore-dev.cdk.tf.json"), "--init-policy", tmp(), "--policy", "policies");
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/--init-policy drafts policies and checks nothing: it takes no --policy/);
});
