// Which specs the project builds: ACCESS_SPEC for one run, else access-specs.json (configured once), else the
// built-in samples; `npm run plan` refuses to synthesize another list over stacks synthesized from a different one.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { specListClash } from "../../cli/private/spec-list";
import { loadSpecFiles } from "../../access-spec/load";
import { parseSpec } from "../../access-spec/parse";
import { petstoreDev } from "../../access-spec/samples/petstore";
import { selectSpecs, SPEC_CONFIG, specSource, SYNTH_MARKER } from "../../access-spec/select";
import { validateSpec } from "../../access-spec/validate";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "select-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = (name: string, body: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof body === "string" ? body : JSON.stringify(body));
  return file;
};

describe("specSource", () => {
  it("GIVEN ACCESS_SPEC THEN it wins over the config file", () => {
    expect(specSource({ ACCESS_SPEC: "a.yaml, b.ts" }, SPEC_CONFIG).source).toEqual({ from: "ACCESS_SPEC", files: ["a.yaml", "b.ts"] });
  });

  it("GIVEN the repository's access-specs.json (the sample's, or a team's own list) THEN its list, relative to the working directory", () => {
    const { source, problems } = specSource({}, SPEC_CONFIG);
    expect(problems).toEqual([]);
    const listed = (JSON.parse(readFileSync(SPEC_CONFIG, "utf8")) as { specs: string[] }).specs;
    expect(source.files).toEqual(listed.map((f) => relative(process.cwd(), join(SPEC_CONFIG, "..", f))));
  });

  it("GIVEN no config file THEN the built-in samples", () => {
    expect(specSource({}, join(dir, "absent.json")).source).toEqual({ from: "built-in samples", files: [] });
  });

  it.each([
    ["not JSON", "{", "bad JSON"],
    ["an unknown key", { spec: ["a.yaml"] }, 'unknown key (expected "specs", "$comment")'],
    ["an empty list", { specs: [] }, "must be a non-empty list of spec file paths"],
  ])("GIVEN a config file with %s THEN one problem naming the file, and synth builds nothing", (_n, body, message) => {
    const file = config(`bad-${String(_n).replace(/\s/g, "-")}.json`, body);
    const selection = selectSpecs({}, file);
    expect(selection.stacks).toEqual([]);
    expect(selection.problems).toHaveLength(1);
    expect(selection.problems[0]).toContain(file);
    expect(selection.problems[0]).toContain(message);
  });

  it("GIVEN a config listing a YAML spec beside it THEN that spec is built", () => {
    writeFileSync(join(dir, "only-dev.json"), JSON.stringify({ ...petstoreDev, backend: undefined }));
    const file = config("access-specs.json", { specs: ["only-dev.json"] });
    const selection = selectSpecs({}, file);
    expect(selection.problems).toEqual([]);
    expect(selection.stacks.map((s) => s.stackName)).toEqual(["petstore-dev"]);
  });
});

describe("loadSpecFiles", () => {
  it("GIVEN a .ts module exporting specs THEN one spec per entry", () => {
    const { specs, problems } = loadSpecFiles(join(__dirname, "..", "..", "access-spec", "samples", "petstore.ts"));
    expect(problems).toEqual([]);
    expect(specs.map((s) => `${s.name}-${s.environment}`)).toEqual(["petstore-dev", "petstore-prod"]);
  });
});

describe("backend", () => {
  it("GIVEN a spec without backend THEN it parses and validates (local state by default)", () => {
    const data = JSON.parse(JSON.stringify(petstoreDev)) as Record<string, unknown>;
    delete data["backend"];
    const { spec, problems } = parseSpec(data, "no-backend.json");
    expect(problems).toEqual([]);
    expect(validateSpec(spec as NonNullable<typeof spec>, "no-backend.json")).toEqual([]);
  });
});

describe("specListClash", () => {
  const outdir = () => mkdtempSync(join(dir, "out-"));
  it("GIVEN stacks synthesized from another list THEN the plan would replace them: refused, naming both lists", () => {
    const out = outdir();
    writeFileSync(join(out, SYNTH_MARKER), JSON.stringify({ from: "ACCESS_SPEC", files: ["specs/orders.yaml"], stacks: ["orders-dev"] }));
    const clash = specListClash(out, {});
    expect(clash).toContain("synthesized from specs/orders.yaml (ACCESS_SPEC)");
    expect(clash).toContain("--no-synth");
  });

  it("GIVEN the same list, or nothing synthesized yet THEN no clash", () => {
    const out = outdir();
    expect(specListClash(out, {})).toBeUndefined();
    writeFileSync(join(out, SYNTH_MARKER), JSON.stringify({ from: "ACCESS_SPEC", files: ["specs/orders.yaml"] }));
    expect(specListClash(out, { ACCESS_SPEC: "specs/orders.yaml" })).toBeUndefined();
  });
});
