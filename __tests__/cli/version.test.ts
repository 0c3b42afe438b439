// `--version`: `npm run check -- --version` and the installed `api-access-check --version` print the project's
// version, which the command's package (packages/api-access-check) must carry too (scripts/build-bin.mjs refuses
// to build otherwise). The installed command is run from its tarball in cli/check-bin.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../cli/check";
import { binMain } from "../../cli/check-bin";

const ROOT = join(__dirname, "..", "..");
const versionOf = (file: string): unknown => (JSON.parse(readFileSync(join(ROOT, file), "utf8")) as { version?: unknown }).version;

function run(f: (argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void }) => number | Promise<number>, ...argv: string[]) {
  let out = "";
  let err = "";
  const code = f(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

test("GIVEN check --version THEN the project's version on stdout, exit 0", () => {
  expect(run(main, "--version")).toEqual({ code: 0, out: `${String(versionOf("package.json"))}\n`, err: "" });
});

test("GIVEN api-access-check --version and api-access-check check --version THEN the same version", () => {
  expect(run(binMain, "--version")).toEqual(run(main, "--version"));
  expect(run(binMain, "check", "--version")).toEqual(run(main, "--version"));
});

test("GIVEN the command's package THEN it carries the project's version (what --version prints)", () => {
  expect(versionOf("packages/api-access-check/package.json")).toBe(versionOf("package.json"));
});

test.each([
  ["check", ["check", "plan.json", "--nope"]],
  ["review", ["review", "--bogus"]],
  ["audit", ["audit", "--bogus"]],
])("GIVEN bad arguments to api-access-check %s THEN the usage names the installed command, not the npm script", async (sub, argv) => {
  let err = "";
  const code = await binMain(argv, { out: () => undefined, err: (s) => (err += s) });
  expect(code).toBe(2);
  expect(err.split("\n")[1]).toMatch(new RegExp(`^usage: api-access-check ${sub} `));
  expect(err).not.toContain("npm run");
});

test("GIVEN --version beside an input THEN it is no check option: exit 2 with the usage", () => {
  const r = run(main, "plan.json", "--version");
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^check: Unknown option '--version'\nusage: npm run check -- /);
});
