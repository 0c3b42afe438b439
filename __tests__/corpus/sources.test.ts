// Where the corpus looks for a project's fetched sources: the steering repository's shared/corpus/<name>/ beside the
// checkout first, then the checkout's git-ignored .sources/<name>/; a project in neither is skipped with a message
// naming both. Real folders in a scratch directory.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { skippedIn, SOURCE_PLACES, sourcesIn } from "./private/sources";

let root: string;
let shared: string;
let local: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "corpus-sources-"));
  shared = join(root, "shared", "corpus");
  local = join(root, "checkout", ".sources");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test("GIVEN the places THEN the steering repository's shared/corpus beside the checkout, then .sources", () => {
  const checkout = resolve(__dirname, "..", "..");
  expect(SOURCE_PLACES).toEqual([join(checkout, "..", "shared", "corpus"), join(checkout, "__tests__", "corpus", ".sources")]);
});

test("GIVEN the project in both places THEN shared/corpus is used", () => {
  mkdirSync(join(shared, "p"), { recursive: true });
  mkdirSync(join(local, "p"), { recursive: true });
  expect(sourcesIn([shared, local], "p")).toEqual({ dir: join(shared, "p"), present: true });
});

test("GIVEN the project only in .sources THEN .sources is used", () => {
  mkdirSync(join(local, "p"), { recursive: true });
  mkdirSync(join(shared, "other"), { recursive: true });
  expect(sourcesIn([shared, local], "p")).toEqual({ dir: join(local, "p"), present: true });
});

test("GIVEN the project in neither THEN absent, and the skip message names both places", () => {
  expect(sourcesIn([shared, local], "p")).toEqual({ dir: join(local, "p"), present: false });
  const message = skippedIn([shared, local], "p");
  expect(message).toContain(`neither in ${join(shared, "p")} nor in ${join(local, "p")}`);
  expect(message).toMatch(/^SKIPPED corpus project p: its third-party sources are not in the repository/);
});
