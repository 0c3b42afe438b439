// The change kinds keep their severities: the kinds the review's modules emit, with the severity each is emitted
// with, equal the pinned list (fixtures/pinned-kinds.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PINNED_SEVERITIES } from "./fixtures/pinned-kinds";

type Sev = keyof typeof PINNED_SEVERITIES;

/** (kind, severity) pairs as the source emits them: `change("blocking", "x"`, the diff's `block("x"` helpers, `${noun}-...`. */
function emitted(): Map<string, Set<Sev>> {
  const dirs = ["guard/review", "guard/review/compare"].map((d) => join(__dirname, "..", "..", "..", d));
  const out = new Map<string, Set<Sev>>();
  const add = (kind: string, sev: Sev) => out.set(kind, new Set([...(out.get(kind) ?? []), sev]));
  const HELPER: Record<string, Sev> = { block: "blocking", up: "upgrade", info: "info" };
  for (const d of dirs) {
    for (const f of readdirSync(d).filter((x) => x.endsWith(".ts"))) {
      const src = readFileSync(join(d, f), "utf8");
      for (const m of src.matchAll(/change\(\s*"(blocking|upgrade|info)",\s*"([a-z-]+)"/g)) add(m[2] as string, m[1] as Sev);
      for (const m of src.matchAll(/\b(block|up|info)\(\s*"([a-z-]+)"/g)) add(m[2] as string, HELPER[m[1] as string] as Sev);
      for (const m of src.matchAll(/\b(block|up)\(\s*`\$\{noun\}-([a-z-]+)`/g))
        for (const noun of ["scope", "group"]) add(`${noun}-${m[2]}`, HELPER[m[1] as string] as Sev);
      if (src.includes('invoker ? "invoke-grant-unverifiable" : "policy-unverifiable"')) {
        add("invoke-grant-unverifiable", "blocking");
        add("policy-unverifiable", "info");
      }
    }
  }
  return out;
}

describe("change kinds", () => {
  it("GIVEN the review's modules WHEN their kinds are read THEN each has one severity, the pinned one", () => {
    const found = emitted();
    const actual = Object.fromEntries(
      (Object.keys(PINNED_SEVERITIES) as Sev[]).map((s) => [
        s,
        [...found]
          .filter(([, sevs]) => sevs.has(s))
          .map(([k]) => k)
          .sort(),
      ]),
    );
    expect(actual).toEqual({ blocking: [...PINNED_SEVERITIES.blocking], upgrade: [...PINNED_SEVERITIES.upgrade], info: [...PINNED_SEVERITIES.info] });
  });

  it("GIVEN the pinned list THEN it has 82 blocking, 18 upgrade and 15 info kinds", () => {
    expect([PINNED_SEVERITIES.blocking.length, PINNED_SEVERITIES.upgrade.length, PINNED_SEVERITIES.info.length]).toEqual([82, 18, 15]);
  });
});
