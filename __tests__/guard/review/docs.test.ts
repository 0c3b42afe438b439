import { readFileSync } from "fs";
import { defineKinds } from "../../../guard/review/kind-catalogue";
import { withKindTables } from "../../../cli/gen-review-kinds-doc";
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

  it("GIVEN the catalogues WHEN the kinds tables are generated again THEN they are what the docs show (run `npm run docs`)", () => {
    expect(withKindTables(doc)).toBe(doc);
  });

  it("GIVEN the docs WHEN read THEN every kind of the catalogues has its row, with its severity", () => {
    const kinds = Object.keys(CHANGE_KINDS) as ChangeKind[];
    expect(kinds.length).toBeGreaterThan(100);
    for (const kind of kinds) expect(doc).toContain(`| \`${kind}\` | ${CHANGE_KINDS[kind].severity} |`);
  });
});

describe("the kinds tables' generator", () => {
  const catalogues = { a: defineKinds({ "x-removed": { severity: "blocking", title: "x removed", explanation: "x goes" } }) };

  it("GIVEN a block WHEN generated THEN it holds the catalogue's table and keeps the text around it", () => {
    const out = withKindTables("before\n<!-- kinds:a -->\nstale\n<!-- /kinds:a -->\nafter\n", catalogues);
    expect(out).toContain("before\n<!-- kinds:a (generated");
    expect(out).toContain(
      "| Kind | Severity | What | When |\n|---|---|---|---|\n| `x-removed` | blocking | x removed | x goes |\n\n<!-- /kinds:a -->\nafter\n",
    );
    expect(out).not.toContain("stale");
    expect(withKindTables(out, catalogues)).toBe(out);
  });

  it("GIVEN a catalogue without a block THEN it is an error naming it, not a silent gap", () => {
    expect(() => withKindTables("no blocks\n", catalogues)).toThrow("no kinds block for catalogue a");
  });

  it("GIVEN a block naming no catalogue, or one twice THEN it is an error", () => {
    expect(() => withKindTables("<!-- kinds:b -->\n<!-- /kinds:b -->\n", catalogues)).toThrow('kinds block "b" names no catalogue');
    const twice = "<!-- kinds:a -->\n<!-- /kinds:a -->\n<!-- kinds:a -->\n<!-- /kinds:a -->\n";
    expect(() => withKindTables(twice, catalogues)).toThrow("kinds block a appears more than once");
  });
});
