// The change-kind catalogues (guard/review/kinds.ts): every kind keeps the severity it had when kinds were plain
// strings (fixtures/pinned-kinds.ts, pinned from the source before the catalogue existed; a kind whose severity moves,
// or that disappears, fails here), ids are unique across catalogues, and a change's severity is its kind's.
import { change } from "../../../guard/review/change";
import { CHANGE_KINDS, KIND_CATALOGUES, severityOf, type ChangeKind } from "../../../guard/review/kinds";
import { PINNED_SEVERITIES } from "./fixtures/pinned-kinds";

type Sev = keyof typeof PINNED_SEVERITIES;
const ALL = Object.keys(CHANGE_KINDS) as ChangeKind[];

describe("change kinds", () => {
  it("GIVEN the pinned kinds THEN each is still declared, with its pinned severity (a new kind needs no entry there)", () => {
    const declared = (s: Sev) => ALL.filter((k) => CHANGE_KINDS[k].severity === s);
    for (const s of Object.keys(PINNED_SEVERITIES) as Sev[]) expect(declared(s)).toEqual(expect.arrayContaining([...PINNED_SEVERITIES[s]]));
  });

  it("GIVEN the pinned list THEN it has 82 blocking, 18 upgrade and 16 info kinds", () => {
    expect([PINNED_SEVERITIES.blocking.length, PINNED_SEVERITIES.upgrade.length, PINNED_SEVERITIES.info.length]).toEqual([82, 18, 16]);
  });

  it("GIVEN the catalogues THEN no id is declared twice (a second declaration would silently replace the first)", () => {
    const declared = Object.values(KIND_CATALOGUES).flatMap((c) => Object.keys(c));
    expect(declared.length).toBe(new Set(declared).size);
    expect(declared.length).toBe(ALL.length);
  });

  it("GIVEN every kind THEN it has a title and an explanation on one line (they fill a Markdown table)", () => {
    for (const k of ALL) {
      const { title, explanation } = CHANGE_KINDS[k];
      expect(`${k}: ${title.length > 0 && explanation.length > 0}`).toBe(`${k}: true`);
      expect(`${title}${explanation}`).not.toMatch(/[\n|]/);
    }
  });

  it("GIVEN a kind WHEN a change of it is made THEN its severity is the catalogue's", () => {
    for (const k of ALL)
      expect(change(k, "s", "m", ["a", "a"])).toEqual({ severity: CHANGE_KINDS[k].severity, kind: k, subject: "s", message: "m", addresses: ["a"] });
  });

  it("GIVEN an id no catalogue declares (past the type checker, e.g. parsed JSON) THEN it blocks: fail closed", () => {
    expect(severityOf("no-such-kind" as ChangeKind)).toBe("blocking");
    expect(severityOf("toString" as ChangeKind)).toBe("blocking");
  });
});
