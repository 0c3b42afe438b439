// docs/rules.md is generated from the rule files; this fails when someone changes a rule and forgets `npm run docs`.
import { readFileSync } from "node:fs";
import { renderRulesDoc, RULES_DOC_PATH } from "../../cli/gen-rules-doc";
import { RULES } from "../../guard/rules";

test("GIVEN the rule registry WHEN docs/rules.md is rendered THEN it equals the committed file (run `npm run docs`)", () => {
  expect(readFileSync(RULES_DOC_PATH, "utf8")).toBe(renderRulesDoc());
});

test("GIVEN the registry THEN rule ids are unique", () => {
  expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
});
