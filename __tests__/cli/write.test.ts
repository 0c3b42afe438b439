// Reports are written whole or not at all (cli/private/write.ts): on real files in a fresh directory.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../../guard/load";
import { writeReports } from "../../cli/private/write";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "write-reports-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("writeReports", () => {
  it("GIVEN --output and two --report targets WHEN written THEN each file holds its own format's rendering", () => {
    writeReports(
      [
        { format: "json", file: join(dir, "r.json") },
        { format: "sarif", file: join(dir, "r.sarif") },
        { format: "markdown", file: join(dir, "r.md") },
      ],
      (f) => `rendered as ${f}\n`,
    );
    expect(readFileSync(join(dir, "r.json"), "utf8")).toBe("rendered as json\n");
    expect(readFileSync(join(dir, "r.sarif"), "utf8")).toBe("rendered as sarif\n");
    expect(readFileSync(join(dir, "r.md"), "utf8")).toBe("rendered as markdown\n");
  });

  it("GIVEN a renderer that throws on the last target WHEN written THEN no file is written, not even the first", () => {
    const render = (f: string): string => {
      if (f === "junit") throw new Error("renderer bug");
      return f;
    };
    expect(() =>
      writeReports(
        [
          { format: "json", file: join(dir, "r.json") },
          { format: "junit", file: join(dir, "r.xml") },
        ],
        render,
      ),
    ).toThrow("renderer bug");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("GIVEN a file that cannot be written WHEN written THEN bad input naming the file, and no temporary file left", () => {
    const file = join(dir, "missing-folder", "r.json");
    expect(() => writeReports([{ format: "json", file }], () => "{}")).toThrow(InputError);
    expect(() => writeReports([{ format: "json", file }], () => "{}")).toThrow(/missing-folder\/r\.json.*cannot write: ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });

  it("GIVEN a writer of its own (the review's Io) WHEN written THEN every rendering goes through it", () => {
    const written: [string, string][] = [];
    writeReports(
      [{ format: "text", file: "a.txt" }],
      (f) => f,
      (file, text) => written.push([file, text]),
    );
    expect(written).toEqual([["a.txt", "text"]]);
  });
});
