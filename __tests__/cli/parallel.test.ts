// inParallel: at most `limit` tasks in flight, results in the items' order whatever order they finish in.
import { inParallel } from "../../cli/private/parallel";

describe("inParallel", () => {
  it("GIVEN five tasks and a limit of two THEN never more than two run at once, and results keep the items' order", async () => {
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const done = inParallel([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return n * 10;
    });
    // Finish them in reverse order of starting, one at a time, as each batch arrives.
    while (release.length > 0 || running > 0) {
      await new Promise((r) => setImmediate(r));
      release.pop()?.();
    }
    expect(await done).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
  });

  it("GIVEN a limit above the number of items THEN every item runs once", async () => {
    const seen: string[] = [];
    expect(await inParallel(["a", "b"], 8, async (s, i) => (seen.push(s), `${s}${i}`))).toEqual(["a0", "b1"]);
    expect(seen.sort()).toEqual(["a", "b"]);
  });

  it.each([0, -1, 1.5])("GIVEN a limit of %p THEN it refuses", async (limit) => {
    await expect(inParallel([1], limit, async (n) => n)).rejects.toThrow("limit must be a positive integer");
  });
});
