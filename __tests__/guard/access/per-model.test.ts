// The per-model memo every access query uses (guard/access/per-model.ts): one build per model (and key), the
// same answer after, undefined answers kept too, and models (and keys) never sharing an answer.
import { perModel, perModelAnd } from "../../../guard/access/per-model";
import { modelFromDocument } from "../../../guard/load";
import type { Model } from "../../../guard/model";

const model = (name: string): Model => modelFromDocument({ resource: { aws_api_gateway_rest_api: { api: { name } } } }, `${name}.tf.json`);

describe("perModel", () => {
  test("GIVEN one model asked twice WHEN memoized THEN it is built once and the same value is answered", () => {
    const built: Model[] = [];
    const query = perModel((m) => {
      built.push(m);
      return { resources: m.resources.length };
    });
    const m = model("orders");
    const first = query(m);
    expect(query(m)).toBe(first);
    expect(first).toEqual({ resources: 1 });
    expect(built).toEqual([m]);
  });

  test("GIVEN two models WHEN memoized THEN each has its own answer", () => {
    const query = perModel((m) => m.resources[0]?.values["name"]);
    const a = model("orders");
    const b = model("billing");
    expect([query(a), query(b), query(a)]).toEqual(["orders", "billing", "orders"]);
  });

  test("GIVEN a build that answers undefined WHEN asked again THEN it is not built again", () => {
    let builds = 0;
    const query = perModel((): string | undefined => {
      builds += 1;
      return undefined;
    });
    const m = model("orders");
    expect(query(m)).toBeUndefined();
    expect(query(m)).toBeUndefined();
    expect(builds).toBe(1);
  });

  test("GIVEN a build that throws WHEN asked again THEN it is built again (nothing was kept)", () => {
    let builds = 0;
    const query = perModel((): number => {
      builds += 1;
      if (builds === 1) throw new Error("first build fails");
      return builds;
    });
    const m = model("orders");
    expect(() => query(m)).toThrow("first build fails");
    expect(query(m)).toBe(2);
    expect(query(m)).toBe(2);
  });
});

describe("perModelAnd", () => {
  test("GIVEN one model and several keys WHEN memoized THEN each (model, key) is built once, undefined answers included", () => {
    const built: string[] = [];
    const query = perModelAnd((m: Model, key: string): string | undefined => {
      built.push(`${String(m.resources[0]?.values["name"])}:${key}`);
      return key === "none" ? undefined : `${key}!`;
    });
    const a = model("orders");
    const b = model("billing");
    expect([query(a, "x"), query(a, "x"), query(a, "none"), query(a, "none"), query(b, "x"), query(a, "y")]).toEqual([
      "x!",
      "x!",
      undefined,
      undefined,
      "x!",
      "y!",
    ]);
    expect(built).toEqual(["orders:x", "orders:none", "billing:x", "orders:y"]);
  });
});
