// The documentation as a newcomer meets it: a README short enough to be a front page, an index in docs/ that lists
// every page, and no relative link in the README or in docs/ that leads nowhere (a missing file, or an anchor no
// heading of the target gives).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { brokenLinks } from "./private/links";
import { links } from "./private/read-markdown";

const ROOT = resolve(__dirname, "..", "..");
const DOCS = join(ROOT, "docs");
const PAGES = [
  join(ROOT, "README.md"),
  ...readdirSync(DOCS)
    .filter((f) => f.endsWith(".md"))
    .map((f) => join(DOCS, f)),
];
const rel = (file: string): string => relative(ROOT, file);

describe("README.md", () => {
  test("GIVEN the front page THEN it is at most 200 lines", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8").trimEnd().split("\n").length).toBeLessThanOrEqual(200);
  });

  test("GIVEN the front page THEN it links the documentation index", () => {
    expect(links(readFileSync(join(ROOT, "README.md"), "utf8")).map((l) => l.target)).toContain("docs/README.md");
  });
});

describe("docs/README.md, the index", () => {
  test("GIVEN every page in docs/ THEN the index links it", () => {
    const listed = new Set(links(readFileSync(join(DOCS, "README.md"), "utf8")).map((l) => l.target.split("#")[0]));
    const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md") && f !== "README.md");
    expect(pages.filter((p) => !listed.has(p))).toEqual([]);
  });
});

describe("relative links", () => {
  test.each(PAGES.map((p) => [rel(p), p]))("GIVEN %s THEN every relative link resolves to a file, and every anchor to a heading", (_name, page) => {
    expect(brokenLinks(page, ROOT)).toEqual([]);
  });
});
