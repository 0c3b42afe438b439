// Progress of a multi-stack run (plan, synth, deploy): on a terminal one status line per stack, redrawn in
// place; in CI or when output is piped, plain append-only lines a log viewer can read.
// Only reporting lives here: callers decide what the steps are and when they happen.

export interface ProgressOptions {
  /** How many stacks the run will handle (the denominator of `done/total`). */
  readonly total: number;
  /** @default - process.stderr, so progress never mixes with data written to stdout */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Plain lines instead of redrawn ones. @default - true when `CI` is set or the stream is not a TTY */
  readonly ci?: boolean;
  /** Clock in milliseconds, for tests. @default - Date.now */
  readonly now?: () => number;
  /** How often the terminal view refreshes elapsed times; 0 disables the timer. @default - 1000 */
  readonly refreshMs?: number;
}

export interface Progress {
  start(stack: string, step: string): void;
  step(stack: string, step: string): void;
  /** `summary`: a short result shown on the stack's done line (plan: what it will create, change, ...). */
  done(stack: string, ok: boolean, summary?: string): void;
  finish(): void;
}

interface StackState {
  readonly name: string;
  readonly ordinal: number;
  readonly startedAt: number;
  step: string;
  endedAt?: number;
  ok?: boolean;
  summary?: string;
}

const doneText = (s: StackState): string => (s.summary === undefined ? "done" : `done, ${s.summary}`);

const seconds = (ms: number): string => `${(Math.max(0, ms) / 1000).toFixed(1)}s`;

export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const envCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";
  const ci = opts.ci ?? (envCi || stream.isTTY !== true);
  const total = Math.max(0, Math.floor(opts.total));
  const runStartedAt = now();
  const stacks = new Map<string, StackState>();
  let drawnLines = 0;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;

  const doneCount = (): number => [...stacks.values()].filter((s) => s.endedAt !== undefined).length;
  const failedCount = (): number => [...stacks.values()].filter((s) => s.ok === false).length;
  const counter = (n: number): string => {
    const of = Math.max(total, stacks.size);
    return `[${String(n).padStart(String(of).length)}/${of}]`;
  };

  // A stack reported before `start` (or twice) is tolerated: progress must never break the run it reports on.
  const stateOf = (stack: string, step: string): StackState => {
    let state = stacks.get(stack);
    if (state === undefined) {
      state = { name: stack, ordinal: stacks.size + 1, startedAt: now(), step };
      stacks.set(stack, state);
    }
    return state;
  };

  const elapsedOf = (s: StackState): number => (s.endedAt ?? now()) - s.startedAt;

  const plainLine = (s: StackState, what: string): void => {
    stream.write(`${counter(s.ordinal)} ${s.name}: ${what} (${seconds(elapsedOf(s))})\n`);
  };

  // Lines wider than the terminal wrap, and the cursor-up count would then be wrong: clip them.
  const clip = (line: string): string => {
    const columns = stream.columns ?? 0;
    return columns > 1 && line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line;
  };

  const ttyLine = (s: StackState): string => {
    const mark = s.endedAt === undefined ? "…" : s.ok ? "✓" : "✗";
    const what = s.endedAt === undefined ? s.step : s.ok ? doneText(s) : `failed during ${s.step}`;
    return clip(`${mark} ${s.name}: ${what} (${seconds(elapsedOf(s))})`);
  };

  const redraw = (): void => {
    const header = clip(`${doneCount()}/${Math.max(total, stacks.size)} stacks done, ${seconds(now() - runStartedAt)} elapsed`);
    const lines = [header, ...[...stacks.values()].map(ttyLine)];
    // Move to the top of what we drew last time, then rewrite every line, clearing leftovers.
    let out = drawnLines > 0 ? `\x1b[${drawnLines}A\r` : "";
    for (const line of lines) out += `\x1b[2K${line}\n`;
    stream.write(out);
    drawnLines = lines.length;
  };

  const ensureTimer = (): void => {
    const refreshMs = opts.refreshMs ?? 1000;
    if (ci || refreshMs <= 0 || timer !== undefined) return;
    timer = setInterval(redraw, refreshMs);
    timer.unref(); // never keep the process alive for a progress display
  };

  return {
    start(stack, step) {
      if (finished) return;
      const state = stateOf(stack, step);
      state.step = step;
      if (ci) plainLine(state, step);
      else {
        ensureTimer();
        redraw();
      }
    },
    step(stack, step) {
      if (finished) return;
      const state = stateOf(stack, step);
      state.step = step;
      if (ci) plainLine(state, step);
      else redraw();
    },
    done(stack, ok, summary) {
      if (finished) return;
      const state = stateOf(stack, "done");
      if (state.endedAt !== undefined) return;
      state.endedAt = now();
      state.ok = ok;
      if (summary !== undefined && summary !== "") state.summary = summary;
      if (ci) plainLine(state, ok ? doneText(state) : `failed during ${state.step}`);
      else redraw();
    },
    finish() {
      if (finished) return;
      finished = true;
      if (timer !== undefined) clearInterval(timer);
      if (!ci) redraw();
      const failed = failedCount();
      const unfinished = [...stacks.values()].filter((s) => s.endedAt === undefined).length;
      const parts = [`${doneCount()}/${Math.max(total, stacks.size)} stacks done`];
      if (failed > 0) parts.push(`${failed} failed`);
      if (unfinished > 0) parts.push(`${unfinished} unfinished`);
      if (ci) stream.write(`${parts.join(", ")} (${seconds(now() - runStartedAt)})\n`);
    },
  };
}
