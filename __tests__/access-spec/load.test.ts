import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { formatProblems, loadSpecFile, loadSpecFiles } from "../../access-spec/load";
import { validateSpec } from "../../access-spec/validate";
import { petstoreDev, petstoreProd } from "../../access-spec/samples/petstore";
import type { SpecProblem } from "../../access-spec/types";

const FIXTURES = join(__dirname, "fixtures");

describe("loadSpecFile", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "spec-load-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  test.each([
    ["JSON", "petstore.json", () => JSON.stringify(petstoreDev, null, 2)],
    ["YAML", "petstore.yaml", () => stringify(JSON.parse(JSON.stringify(petstoreDev)))],
    ["YAML (.yml)", "petstore.yml", () => stringify(JSON.parse(JSON.stringify(petstoreDev)))],
  ])("GIVEN the dev sample written as %s WHEN loaded and validated THEN there are no problems", (_kind, name, text) => {
    const file = write(name, text());
    const { spec, problems } = loadSpecFile(file);
    expect(problems).toEqual([]);
    expect(spec).toEqual(JSON.parse(JSON.stringify(petstoreDev)));
    expect(validateSpec(spec!, file)).toEqual([]);
  });

  test("GIVEN a .ts module exporting `spec` WHEN loaded THEN the spec is returned", () => {
    const { spec, problems } = loadSpecFile(join(FIXTURES, "spec-export.ts"));
    expect(problems).toEqual([]);
    expect(spec).toEqual(JSON.parse(JSON.stringify(petstoreProd)));
  });

  test("GIVEN a .ts module whose default export has a structural mistake WHEN loaded THEN it is reported like a JSON one", () => {
    const file = join(FIXTURES, "default-export.ts");
    expect(loadSpecFile(file)).toEqual({
      problems: [{ file, path: "lambdaLogRetentionDays", value: "30", message: expect.stringContaining("expected a finite number") }],
    });
  });

  test("GIVEN a .ts module exporting neither spec nor default WHEN loaded THEN one problem names the file", () => {
    const file = join(FIXTURES, "no-export.ts");
    expect(loadSpecFile(file).problems).toEqual([{ file, path: "", value: undefined, message: 'module exports neither "spec" nor a default' }]);
  });

  test("GIVEN the JSON fixture with three mistakes WHEN loaded THEN all are reported with path and value, and no spec", () => {
    const file = join(FIXTURES, "petstore-errors.json");
    const { spec, problems } = loadSpecFile(file);
    expect(spec).toBeUndefined();
    expect(problems.map(({ path, value }) => ({ path, value }))).toEqual([
      { path: "routes[0].auth.reason", value: undefined },
      { path: "routes[0].auth.reasn", value: "Load balancer probes" },
      { path: "usagePlans[0].throttle.rateLimit", value: "50" },
      { path: "stage.xrayTracing", value: "true" },
    ]);
    expect(problems.every((p) => p.file === file)).toBe(true);
  });

  test("GIVEN the YAML fixture that is well-formed but references unknown names WHEN loaded then validated THEN validation reports each one", () => {
    const file = join(FIXTURES, "petstore-bad-refs.yaml");
    const { spec, problems } = loadSpecFile(file);
    expect(problems).toEqual([]);
    const found = validateSpec(spec!, file);
    expect(found.map(({ path, value }) => ({ path, value }))).toEqual([
      { path: "authorizers[0].resultTtlSeconds", value: 7200 },
      { path: "routes[13].path", value: "/pets/{id}" },
      { path: "routes[2].auth.scopes[0]", value: "petstore/raed" },
    ]);
  });

  test("GIVEN malformed JSON WHEN loaded THEN one problem names the file and the line", () => {
    const file = write("broken.json", '{\n  "name": "petstore",\n  "region": "eu-west-1",\n}\n');
    const { spec, problems } = loadSpecFile(file);
    expect(spec).toBeUndefined();
    expect(problems).toEqual([{ file, path: "", value: undefined, message: expect.stringMatching(/^bad JSON at line 4, column 1: /) }]);
  });

  test("GIVEN JSON with a repeated key WHEN loaded THEN it is an error naming the line, not last-one-wins", () => {
    const file = write("dup.json", '{\n  "scopes": {\n    "read": "Read pets",\n    "read": "Read everything"\n  }\n}\n');
    expect(loadSpecFile(file).problems).toEqual([
      { file, path: "", value: undefined, message: expect.stringMatching(/^bad JSON at line 4, column 5: duplicate key/) },
    ]);
  });

  test("GIVEN malformed YAML WHEN loaded THEN one problem names the file and the line", () => {
    const file = write("broken.yaml", "name: petstore\nroutes: [\n  - a\n");
    const { problems } = loadSpecFile(file);
    expect(problems).toEqual([{ file, path: "", value: undefined, message: expect.stringMatching(/^bad YAML at line \d+, column \d+: /) }]);
  });

  test("GIVEN YAML with a repeated key WHEN loaded THEN it is an error, not last-one-wins", () => {
    const file = write("dup.yaml", "name: petstore\nname: other\n");
    expect(loadSpecFile(file).problems).toEqual([
      { file, path: "", value: undefined, message: expect.stringMatching(/^bad YAML at line 2, column 1: .*unique/) },
    ]);
  });

  test("GIVEN YAML that expands aliases exponentially WHEN loaded THEN it is refused instead of exhausting memory", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    const file = write("laughs.yaml", lines.join("\n") + "\n");
    expect(loadSpecFile(file).problems).toEqual([{ file, path: "", value: undefined, message: expect.stringContaining("bad YAML") }]);
  });

  test("GIVEN a file that does not exist WHEN loaded THEN one problem says it cannot be read", () => {
    const file = join(dir, "missing.json");
    expect(loadSpecFile(file).problems).toEqual([{ file, path: "", value: undefined, message: "cannot read file: no such file or folder" }]);
  });

  test("GIVEN a .ts spec that does not exist WHEN loaded THEN one problem says it cannot be read", () => {
    const file = join(dir, "missing.ts");
    expect(loadSpecFile(file).problems).toEqual([{ file, path: "", value: undefined, message: "cannot read file: no such file or folder" }]);
  });

  test("GIVEN an unsupported extension WHEN loaded THEN one problem names the accepted ones", () => {
    const file = write("spec.toml", "name = 'x'");
    expect(loadSpecFile(file).problems).toEqual([{ file, path: "", value: undefined, message: expect.stringContaining("use .json, .yaml, .yml or .ts") }]);
  });
});

describe("loadSpecFiles of a .ts module", () => {
  it.each([
    ["throws", "throw new Error('no spec today');", /^cannot load module: no spec today/],
    ["exports nothing", "export const other = 1;", /^module exports neither "spec" nor a default$/],
  ])("GIVEN a module that %s THEN it runs once and one problem says why", (_what, body, message) => {
    const dir = mkdtempSync(join(tmpdir(), "spec-module-"));
    const runs = join(dir, "runs.txt");
    const file = join(dir, "spec.ts");
    writeFileSync(file, `import { appendFileSync } from "node:fs";\nappendFileSync(${JSON.stringify(runs)}, "ran\\n");\n${body}\n`);
    const r = loadSpecFiles(file);
    expect(r.specs).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.message).toMatch(message);
    expect(readFileSync(runs, "utf8")).toBe("ran\n");
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("formatProblems", () => {
  test("GIVEN problems with and without path and value THEN each is one line: file: path: message (got value)", () => {
    const problems: SpecProblem[] = [
      { file: "a.json", path: "routes[2].auth.scopes[0]", message: 'route "GET /pets": unknown scope "petstore/raed"', value: "petstore/raed" },
      { file: "a.json", path: "routes[0].auth.reason", message: 'missing required field "reason"', value: undefined },
      { file: "b.yaml", path: "", message: "bad YAML at line 2, column 1: Map keys must be unique", value: undefined },
      { file: "c.json", path: "stage", message: "two\nlines", value: { deep: "x".repeat(200) } },
    ];
    const lines = formatProblems(problems).split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('a.json: routes[2].auth.scopes[0]: route "GET /pets": unknown scope "petstore/raed" (got "petstore/raed")');
    expect(lines[1]).toBe('a.json: routes[0].auth.reason: missing required field "reason"');
    expect(lines[2]).toBe("b.yaml: bad YAML at line 2, column 1: Map keys must be unique");
    expect(lines[3]).toMatch(/^c\.json: stage: two lines \(got \{"deep":"x+\.\.\.\)$/);
  });

  test("GIVEN no problems THEN the text is empty", () => {
    expect(formatProblems([])).toBe("");
  });
});
