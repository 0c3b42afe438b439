// Reports are written whole or not at all: a temporary file beside the target, renamed into place.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { InputError } from "../../guard/load";

export function writeFileAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(file, `cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
