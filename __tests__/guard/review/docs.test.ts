import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { BEGIN, DOC, docsExample, END, withExample } from "./fixtures/docs-example";

describe("docs/review.md", () => {
  const doc = readFileSync(DOC, "utf8");
  const example = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END));

  it("GIVEN the docs WHEN the example is generated again THEN it is what the docs show (regenerate with --write)", () => {
    expect(withExample(doc, docsExample())).toBe(doc);
  });

  it("GIVEN the docs WHEN read THEN the generated example holds a downgrade row and the Mermaid matrix", () => {
    expect(example).toContain("<!-- api-access-review -->");
    expect(example).toContain("| :x: blocking | petstore-dev GET /pets | authorization removed: COGNITO (scopes: petstore/read) → NONE (anyone can call) |");
    expect(example).toMatch(/label `authz-ack:[0-9a-f]{16}`/);
    expect(example).toContain("```mermaid\nflowchart LR");
    expect(example).toMatch(/class [r0-9,]+ downgrade/);
  });

  it("GIVEN the docs WHEN read THEN every blocking kind the diff can emit is documented", () => {
    // Every module that classifies changes: the diff itself and the effective-access comparers.
    const dirs = ["guard/review", "guard/review/compare", "guard/access"].map((d) => join(__dirname, "..", "..", "..", d));
    const source = dirs
      .flatMap((d) =>
        readdirSync(d)
          .filter((f) => f.endsWith(".ts"))
          .map((f) => readFileSync(join(d, f), "utf8")),
      )
      .join("\n");
    const kinds = new Set([...source.matchAll(/(?:block\(\s*|change\(\s*"blocking",\s*)"([a-z-]+)"/g)].map((m) => m[1]));
    expect(kinds.size).toBeGreaterThan(15);
    for (const kind of kinds) expect(doc).toContain(`\`${kind}\``);
  });
});
