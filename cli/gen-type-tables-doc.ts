// `npm run docs`: writes the authorization-type tables of the docs from the type table (kernel/authorization-types.ts),
// each between `<!-- types:<table> ... -->` and `<!-- /types:<table> -->`; the prose around them stays hand-written.
// A test fails when a committed file differs from what this renders, so a new row reaches the docs by `npm run docs`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AUTHORIZATION_TYPES, REVIEW_WORDS, reviewRow, type AuthorizationTypeRow } from "../kernel/authorization-types";
import { writeFileAtomically } from "./private/write";

const code = (word: string): string => `\`${word}\``;

/** docs/review.md: what each effective authorization means, in the review's order, with UNKNOWN (no row) last. */
function reviewTable(): string {
  return [
    "| Type | Meaning |",
    "|---|---|",
    ...REVIEW_WORDS.map((w) => `| ${code(w)} | ${reviewRow(w).reviewMeaning} |`),
    "| `UNKNOWN` | Not determinable (known only after apply, a reference that does not resolve). Treated as a deny: it blocks. |",
  ].join("\n");
}

/** The first cell: the word both files use, or each file's word, or the one file that has it. */
function words(row: AuthorizationTypeRow): string {
  if (row.specWord === row.type) return code(row.type);
  if (row.specWord === undefined) return `${code(row.type)} (policy only)`;
  return `${code(row.specWord)} (spec) / ${code(row.type)} (policy)`;
}

/** docs/migrations.md: each type's words in the spec and the policy and its values at the gateway, in table order. */
function gatewayTable(): string {
  return [
    "| spec and policy | REST API (`authorization`) | HTTP API (`authorization_type`) |",
    "|---|---|---|",
    ...AUTHORIZATION_TYPES.map((row) => {
      const rest = row.gatewayCells?.rest ?? code(row.restGateway);
      const http = row.gatewayCells?.http ?? (row.httpGateway === undefined ? "–" : code(row.httpGateway));
      return `| ${words(row)} | ${rest} | ${http} |`;
    }),
  ].join("\n");
}

const TABLES: Readonly<Record<string, () => string>> = { review: reviewTable, gateways: gatewayTable };

/** Each doc with the tables it holds. */
export const TYPE_TABLE_DOCS: readonly { readonly path: string; readonly tables: readonly string[] }[] = [
  { path: join(__dirname, "..", "docs", "review.md"), tables: ["review"] },
  { path: join(__dirname, "..", "docs", "migrations.md"), tables: ["gateways"] },
];

const BLOCK = /<!-- types:([a-z-]+)[^>]*-->\n[\s\S]*?<!-- \/types:\1 -->/g;
const begin = (name: string): string => `<!-- types:${name} (generated from kernel/authorization-types.ts by \`npm run docs\`; do not edit) -->`;

/**
 * The doc with each of `tables` rendered in its block. Every table has exactly one block and every block is one of
 * `tables`: a table without a place in the doc, or a block left over, is an error, not a silent gap.
 */
export function withTypeTables(doc: string, tables: readonly string[], render: Readonly<Record<string, () => string>> = TABLES): string {
  const seen: string[] = [];
  const out = doc.replace(BLOCK, (_block, name: string) => {
    const table = render[name];
    if (table === undefined || !tables.includes(name)) throw new Error(`types block "${name}" is not a table of this doc (${tables.join(", ")})`);
    seen.push(name);
    return `${begin(name)}\n\n${table()}\n\n<!-- /types:${name} -->`;
  });
  const missing = tables.filter((n) => !seen.includes(n));
  if (missing.length > 0) throw new Error(`no types block for table ${missing.join(", ")} (add <!-- types:NAME --> <!-- /types:NAME -->)`);
  const twice = seen.filter((n, i) => seen.indexOf(n) !== i);
  if (twice.length > 0) throw new Error(`types block ${twice.join(", ")} appears more than once`);
  return out;
}

if (require.main === module) {
  for (const { path, tables } of TYPE_TABLE_DOCS) {
    writeFileAtomically(path, withTypeTables(readFileSync(path, "utf8"), tables));
    process.stdout.write(`wrote the type tables of ${path} (${tables.join(", ")})\n`);
  }
}
