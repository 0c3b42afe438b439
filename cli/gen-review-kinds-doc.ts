// `npm run docs`: writes the change-kind tables of docs/review.md from the catalogues (guard/review/kinds.ts), each
// between `<!-- kinds:<catalogue> ... -->` and `<!-- /kinds:<catalogue> -->`; the prose around them stays hand-written.
// A test fails when the committed file differs from what this renders.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { KindCatalogue } from "../guard/review/kind-catalogue";
import { writeFileAtomically } from "./private/write";
import { KIND_CATALOGUES } from "../guard/review/kinds";

const REVIEW_DOC_PATH = join(__dirname, "..", "docs", "review.md");

type Catalogues = Readonly<Record<string, KindCatalogue<string>>>;

/** One catalogue as a Markdown table, in declaration order. */
function kindsTable(catalogue: KindCatalogue<string>): string {
  const rows = Object.entries(catalogue).map(([id, k]) => `| \`${id}\` | ${k.severity} | ${k.title} | ${k.explanation} |`);
  return ["| Kind | Severity | What | When |", "|---|---|---|---|", ...rows].join("\n");
}

const BLOCK = /<!-- kinds:([a-z-]+)[^>]*-->\n[\s\S]*?<!-- \/kinds:\1 -->/g;
const begin = (name: string): string => `<!-- kinds:${name} (generated from the catalogue by \`npm run docs\`; do not edit) -->`;

/**
 * The doc with every kinds block rendered from its catalogue. Every catalogue has exactly one block and every block
 * names a catalogue: a catalogue without a place in the doc, or a block left over, is an error, not a silent gap.
 */
export function withKindTables(doc: string, catalogues: Catalogues = KIND_CATALOGUES): string {
  const seen: string[] = [];
  const out = doc.replace(BLOCK, (_block, name: string) => {
    const catalogue = catalogues[name];
    if (catalogue === undefined) throw new Error(`docs/review.md: kinds block "${name}" names no catalogue of guard/review/kinds.ts`);
    seen.push(name);
    return `${begin(name)}\n\n${kindsTable(catalogue)}\n\n<!-- /kinds:${name} -->`;
  });
  const missing = Object.keys(catalogues).filter((n) => !seen.includes(n));
  if (missing.length > 0) throw new Error(`docs/review.md: no kinds block for catalogue ${missing.join(", ")} (add <!-- kinds:NAME --> <!-- /kinds:NAME -->)`);
  const twice = seen.filter((n, i) => seen.indexOf(n) !== i);
  if (twice.length > 0) throw new Error(`docs/review.md: kinds block ${twice.join(", ")} appears more than once`);
  return out;
}

if (require.main === module) {
  writeFileAtomically(REVIEW_DOC_PATH, withKindTables(readFileSync(REVIEW_DOC_PATH, "utf8")));
  process.stdout.write(`wrote the kinds tables of ${REVIEW_DOC_PATH} (${Object.keys(KIND_CATALOGUES).length} catalogues)\n`);
}
