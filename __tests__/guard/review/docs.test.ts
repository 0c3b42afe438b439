import { readFileSync } from "fs";
import { CHANGE_KINDS, type ChangeKind } from "../../../guard/review/kinds";
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

  it("GIVEN the docs WHEN read THEN every blocking kind of the catalogues is documented", () => {
    const kinds = (Object.keys(CHANGE_KINDS) as ChangeKind[]).filter((k) => CHANGE_KINDS[k].severity === "blocking");
    expect(kinds.length).toBeGreaterThan(15);
    for (const kind of kinds) expect(doc).toContain(`\`${kind}\``);
  });
});
