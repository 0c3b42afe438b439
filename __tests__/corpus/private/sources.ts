// Where a corpus project's fetched files live: .sources/<name>/ holds tf/ (the third-party Terraform, vendored modules
// included), LICENSE and plan.json (`terraform show -json` embeds the configuration). The folder is git-ignored:
// fetched code is never committed, so only a machine that fetched the sources has it (README.md says how).
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Manifest } from "./manifest";

const SOURCES_DIR = join(__dirname, "..", ".sources");
export const sourcesDir = (name: string): string => join(SOURCES_DIR, name);
export const tfDir = (name: string): string => join(sourcesDir(name), "tf");
export const planFile = (name: string): string => join(sourcesDir(name), "plan.json");

/** Whether this machine holds the project's sources at all; an incomplete folder counts as present (and fails). */
export const hasSources = (name: string): boolean => existsSync(sourcesDir(name));

export const skippedMessage = (name: string): string =>
  `SKIPPED corpus project ${name}: its third-party sources are not in the repository (fetched code is never committed); see __tests__/corpus/README.md`;

/** What the sources folder must hold, relative to it: the licence texts beside the files, the planned module, the plan. */
export function missingSourceFiles(name: string, m: Manifest): string[] {
  const required = ["LICENSE", ...m.vendored.map((v) => join("tf", v.into, "LICENSE")), join("tf", m.root), "plan.json"];
  return required.filter((f) => !existsSync(join(sourcesDir(name), f)));
}
