// Where a corpus project's fetched files live: <sources>/<name>/ holds tf/ (the third-party Terraform, vendored
// modules included), LICENSE and plan.json (`terraform show -json` embeds the configuration). Fetched code is never
// committed, so only a machine that has the sources runs the plan tests (README.md says how to re-create them). Two
// places are looked in, first to last: the steering repository's shared/corpus/<name>/ beside the checkout (where data
// may be provided for every checkout of the machine), then the git-ignored .sources/<name>/ of this checkout.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Manifest } from "./manifest";

/** The checkout's root: __tests__/corpus/private is three levels down. */
const ROOT = resolve(__dirname, "..", "..", "..");
/** The places a project's sources may be, first to last. */
export const SOURCE_PLACES: readonly string[] = [join(ROOT, "..", "shared", "corpus"), join(ROOT, "__tests__", "corpus", ".sources")];

/** The project's sources folder among `places`: the first that holds one, else the last place (where they would go). */
export function sourcesIn(places: readonly string[], name: string): { readonly dir: string; readonly present: boolean } {
  const found = places.map((p) => join(p, name)).find((d) => existsSync(d));
  return { dir: found ?? join(places[places.length - 1], name), present: found !== undefined };
}

/** Why a project is skipped: its sources are in none of `places`. */
export const skippedIn = (places: readonly string[], name: string): string =>
  `SKIPPED corpus project ${name}: its third-party sources are not in the repository (fetched code is never committed), ` +
  `and neither in ${places.map((p) => join(p, name)).join(" nor in ")}; see __tests__/corpus/README.md`;

const sourcesDir = (name: string): string => sourcesIn(SOURCE_PLACES, name).dir;
export const tfDir = (name: string): string => join(sourcesDir(name), "tf");
export const planFile = (name: string): string => join(sourcesDir(name), "plan.json");

/** Whether this machine holds the project's sources at all; an incomplete folder counts as present (and fails). */
export const hasSources = (name: string): boolean => sourcesIn(SOURCE_PLACES, name).present;

export const skippedMessage = (name: string): string => skippedIn(SOURCE_PLACES, name);

/** What the sources folder must hold, relative to it: the licence texts beside the files, the planned module, the plan. */
export function missingSourceFiles(name: string, m: Manifest): string[] {
  const required = ["LICENSE", ...m.vendored.map((v) => join("tf", v.into, "LICENSE")), join("tf", m.root), "plan.json"];
  return required.filter((f) => !existsSync(join(sourcesDir(name), f)));
}
