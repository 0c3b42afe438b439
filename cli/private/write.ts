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

/**
 * Writes one run's report in every format asked for (`--output`, each `--report <format>=<file>`): every rendering
 * first, then the files, so a renderer that throws leaves none written.
 */
export function writeReports<F extends string>(
  targets: readonly { readonly format: F; readonly file: string }[],
  render: (format: F) => string,
  write: (file: string, text: string) => void = writeFileAtomically,
): void {
  const files = targets.map((t) => ({ file: t.file, text: render(t.format) }));
  for (const f of files) write(f.file, f.text);
}
