// A stack's done line carries the plan's counts, in CI lines and on a terminal alike.
import { createProgress } from "../../cli/progress";

function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign({ write: (c: string) => (chunks.push(c), true) }, { isTTY, columns: 200 }) as unknown as NodeJS.WritableStream & {
    isTTY?: boolean;
  };
  return { stream, text: () => chunks.join("") };
}

describe("Progress.done with a summary", () => {
  it("GIVEN CI mode WHEN a stack is done with a summary THEN its done line shows it", () => {
    const out = recorder(false);
    const p = createProgress({ total: 1, stream: out.stream, ci: true, now: () => 0 });
    p.start("petstore-prod", "init");
    p.done("petstore-prod", true, "3 to create, 0 to change, 1 to replace, 0 to destroy");
    p.finish();
    expect(out.text()).toContain("[1/1] petstore-prod: done, 3 to create, 0 to change, 1 to replace, 0 to destroy (0.0s)\n");
  });

  it("GIVEN a terminal WHEN a stack is done with a summary THEN the redrawn line shows it", () => {
    const out = recorder(true);
    const p = createProgress({ total: 1, stream: out.stream, ci: false, now: () => 0, refreshMs: 0 });
    p.start("petstore-dev", "init");
    p.done("petstore-dev", true, "1 to create, 0 to change, 0 to replace, 0 to destroy");
    p.finish();
    expect(out.text()).toContain("✓ petstore-dev: done, 1 to create, 0 to change, 0 to replace, 0 to destroy (0.0s)");
  });
});
