// Where the official OSCAL assessment-results schema is read from. It is fetched data (usnistgov/OSCAL), which the
// workplace keeps only under the steering repo's shared/, never in this repository: first ../shared/oscal/ beside the
// checkout, then a developer's git-ignored local copy; neither present = the validation is skipped, never passed.
import { existsSync } from "node:fs";
import { join } from "node:path";

export const OSCAL_SCHEMA_FILE = "oscal_assessment-results_schema.json";

/** The folders looked in, in order, for a checkout at `repoRoot`. */
export const oscalSchemaDirs = (repoRoot: string): readonly string[] => [
  join(repoRoot, "..", "shared", "oscal"),
  join(repoRoot, "__tests__", "cli", "audit", ".oscal"),
];

/** The first of `dirs` holding the schema file, or undefined. */
export function findOscalSchema(dirs: readonly string[]): string | undefined {
  return dirs.map((d) => join(d, OSCAL_SCHEMA_FILE)).find((f) => existsSync(f));
}

export const skippedSchemaMessage = (dirs: readonly string[]): string =>
  `SKIPPED OSCAL schema validation: ${OSCAL_SCHEMA_FILE} (OSCAL v1.0.6, docs/audit.md) is in none of ${dirs.join(", ")}; ` +
  `put it in the first (the steering repo's shared/oscal/) or, locally and git-ignored, the second`;
