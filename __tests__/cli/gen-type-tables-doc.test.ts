// The authorization-type tables of docs/review.md and docs/migrations.md are generated from the type table: the
// committed docs are what `npm run docs` renders, and the generator refuses a doc whose blocks do not match its tables.
import { readFileSync } from "node:fs";
import { AUTHORIZATION_TYPES, REVIEW_WORDS } from "../../kernel/authorization-types";
import { TYPE_TABLE_DOCS, withTypeTables } from "../../cli/gen-type-tables-doc";

describe("GIVEN the docs with type tables", () => {
  test.each(TYPE_TABLE_DOCS.map((d) => [d.path.replace(/^.*\/docs\//, "docs/"), d]))(
    "WHEN %s's tables are generated again THEN they are what it shows (run `npm run docs`)",
    (_name, { path, tables }) => {
      const doc = readFileSync(path, "utf8");
      expect(withTypeTables(doc, tables)).toBe(doc);
    },
  );

  test("THEN review.md lists every review word once, weakest first, with UNKNOWN; migrations.md every type once", () => {
    const [review, migrations] = TYPE_TABLE_DOCS.map((d) => readFileSync(d.path, "utf8"));
    const reviewRows = (review ?? "").split("\n").filter((l) => /^\| `[A-Z_]+` \| /.test(l) && l.split(" | ").length === 2);
    expect(reviewRows.map((l) => /^\| `([A-Z_]+)`/.exec(l)?.[1])).toEqual([...REVIEW_WORDS, "UNKNOWN"]);
    for (const row of AUTHORIZATION_TYPES) expect(migrations).toMatch(new RegExp(`^\\| [^|]*\`${row.type}\`[^|]* \\| [^|]+ \\| [^|]+ \\|$`, "m"));
  });
});

describe("GIVEN the type tables' generator", () => {
  const render = { a: () => "| a |", b: () => "| b |" };

  test("WHEN a doc has a block THEN it holds the table and keeps the text around it; generating again changes nothing", () => {
    const out = withTypeTables("before\n<!-- types:a -->\nstale\n<!-- /types:a -->\nafter\n", ["a"], render);
    expect(out).toBe(
      "before\n<!-- types:a (generated from kernel/authorization-types.ts by `npm run docs`; do not edit) -->\n\n| a |\n\n<!-- /types:a -->\nafter\n",
    );
    expect(withTypeTables(out, ["a"], render)).toBe(out);
  });

  test("WHEN a table has no block, a block is not the doc's, or one appears twice THEN it is an error, not a silent gap", () => {
    expect(() => withTypeTables("no blocks\n", ["a"], render)).toThrow("no types block for table a");
    expect(() => withTypeTables("<!-- types:b -->\n<!-- /types:b -->\n", [], render)).toThrow('types block "b" is not a table of this doc');
    expect(() => withTypeTables("<!-- types:c -->\n<!-- /types:c -->\n", ["c"], render)).toThrow('types block "c" is not a table of this doc');
    const twice = "<!-- types:a -->\n<!-- /types:a -->\n<!-- types:a -->\n<!-- /types:a -->\n";
    expect(() => withTypeTables(twice, ["a"], render)).toThrow("types block a appears more than once");
  });
});
