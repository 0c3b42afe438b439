// `check <input> --init-policy DIR`: the I/O around guard/draft-policies.ts. Reads the input, writes one draft per
// API into DIR, and never replaces a file: a reviewed policy overwritten by a draft would approve whatever the
// configuration does today.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { draftPolicies } from "../../guard/draft-policies";
import { InputError, loadModel } from "../../guard/load";

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** Writes the drafts; returns the exit code (throws InputError for bad input, a refused overwrite, no API). */
export function initPolicy(input: string, dir: string, io: Io): number {
  const model = loadModel(input);
  for (const n of model.notes ?? []) io.err(`check: note: ${n}\n`);
  const result = draftPolicies(model, input);
  if (result.problems.length > 0) {
    for (const p of result.problems) io.err(`check: ${input}: ${p}\n`);
    return 2;
  }
  for (const n of result.notDrafted) io.err(`check: not drafted: ${n}\n`);
  if (result.drafts.length === 0)
    throw new InputError(
      input,
      result.notDrafted.length > 0 ? "no policy drafted: every API is listed above as not drafted" : "no API with a known name to draft a policy for",
    );
  const files = result.drafts.map((d) => join(dir, d.fileName));
  const existing = files.filter((f) => existsSync(f));
  if (existing.length > 0) throw new InputError(dir, `refusing to overwrite ${existing.join(", ")}: move them away or choose another directory`);
  mkdirSync(dir, { recursive: true });
  result.drafts.forEach((d, i) => {
    // `wx`: a file that appeared since the check above is still not replaced.
    writeFileSync(files[i], d.text, { flag: "wx" });
    io.out(`wrote ${files[i]}: ${d.routes.length} route(s) of ${d.kind} "${d.api}"${d.todo.length > 0 ? `; reason: TODO on ${d.todo.join(", ")}` : ""}\n`);
    if (d.authorizerDecides.length > 0)
      io.out(`  groups and scopes to write by hand (decided inside a Lambda authorizer): ${d.authorizerDecides.join(", ")}\n`);
    for (const s of d.notDrafted) io.out(`  not drafted: ${s}\n`);
  });
  io.out(`Review every entry and write each TODO reason, then run: check ${input} --policy ${dir}\n`);
  return 0;
}
