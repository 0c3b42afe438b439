import { createProgress } from "../../../cli/progress";

/** A stream that records what was written; `isTTY` picks the mode when `ci` is not given. */
function fakeStream(isTTY: boolean, columns = 200) {
  const chunks: string[] = [];
  return {
    chunks,
    text: () => chunks.join(""),
    stream: Object.assign(
      {
        write: (chunk: string) => {
          chunks.push(chunk);
          return true;
        },
      },
      { isTTY, columns },
    ) as unknown as NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  };
}

function fakeClock() {
  let t = 1_000_000;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("createProgress in CI mode", () => {
  it("GIVEN three stacks WHEN steps are reported THEN writes plain numbered lines with elapsed time", () => {
    const out = fakeStream(false);
    const clock = fakeClock();
    const p = createProgress({ total: 3, stream: out.stream, ci: true, now: clock.now });
    p.start("petstore-dev", "synth");
    p.start("petstore-prod", "synth");
    clock.advance(12_300);
    p.step("petstore-prod", "plan");
    p.done("petstore-prod", true);
    p.done("petstore-dev", false);
    p.finish();
    const lines = out.text().trimEnd().split("\n");
    expect(lines).toEqual([
      "[1/3] petstore-dev: synth (0.0s)",
      "[2/3] petstore-prod: synth (0.0s)",
      "[2/3] petstore-prod: plan (12.3s)",
      "[2/3] petstore-prod: done (12.3s)",
      "[1/3] petstore-dev: failed during synth (12.3s)",
      "2/3 stacks done, 1 failed (12.3s)",
    ]);
  });

  it("GIVEN no ci flag and a non-TTY stream WHEN a stack starts THEN no ANSI escapes are written", () => {
    const out = fakeStream(false);
    const p = createProgress({ total: 1, stream: out.stream });
    p.start("a", "plan");
    p.finish();
    expect(out.text()).not.toContain("\x1b[");
    expect(out.text()).toContain("0/1 stacks done, 1 unfinished");
  });

  it("GIVEN a stack reported twice as done or after finish WHEN reported THEN nothing more is written", () => {
    const out = fakeStream(false);
    const p = createProgress({ total: 1, stream: out.stream, ci: true });
    p.start("a", "plan");
    p.done("a", true);
    p.done("a", false);
    p.finish();
    const before = out.chunks.length;
    p.step("a", "late");
    expect(out.chunks.length).toBe(before);
    expect(out.text()).toContain("1/1 stacks done (");
    expect(out.text()).not.toContain("failed");
  });
});

describe("createProgress on a terminal", () => {
  it("GIVEN a TTY WHEN two stacks progress THEN one line per stack is redrawn in place with done/total", () => {
    const out = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress({ total: 2, stream: out.stream, ci: false, now: clock.now, refreshMs: 0 });
    p.start("dev", "synth");
    p.start("prod", "synth");
    clock.advance(2_000);
    p.step("dev", "plan");
    p.done("prod", true);
    p.finish();
    const last = out.chunks[out.chunks.length - 1];
    // Each redraw after the first moves the cursor up over the header plus one line per stack.
    expect(last.startsWith("\x1b[3A\r")).toBe(true);
    expect(last).toContain("1/2 stacks done, 2.0s elapsed");
    expect(last).toContain("… dev: plan (2.0s)");
    expect(last).toContain("✓ prod: done (2.0s)");
  });

  it("GIVEN a narrow terminal WHEN a long step is shown THEN the line is clipped so redraws stay aligned", () => {
    const out = fakeStream(true, 20);
    const p = createProgress({ total: 1, stream: out.stream, ci: false, refreshMs: 0 });
    p.start("a-very-long-stack-name", "a very long step description");
    const lines = out
      .text()
      .split("\n")
      .filter((l) => l.length > 0)
      .map((l) => l.replace(/\x1b\[[0-9]*[A-Z]|\r/g, ""));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(19);
  });

  it("GIVEN CI set in the environment WHEN no ci option is given THEN plain lines are used even on a TTY", () => {
    const saved = process.env.CI;
    process.env.CI = "true";
    try {
      const out = fakeStream(true);
      const p = createProgress({ total: 1, stream: out.stream });
      p.start("a", "plan");
      expect(out.text()).toBe("[1/1] a: plan (0.0s)\n");
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});
