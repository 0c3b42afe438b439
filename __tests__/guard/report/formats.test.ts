// The format registry: every format a command accepts has its renderer, and none is rendered two ways (the audit
// renders the check's formats with the check's own renderers).
import { AUDIT_RENDERERS } from "../../../guard/report/audit";
import { REPORTERS } from "../../../guard/report/check";
import { CONFORMANCE_REPORTERS } from "../../../guard/report/conformance";
import { AUDIT_FORMATS, CONFORMANCE_FORMATS, FORMATS, REVIEW_FORMATS } from "../../../guard/report/formats";
import { REVIEW_RENDERERS } from "../../../guard/report/review";

describe("format registry", () => {
  it.each([
    ["check", FORMATS, REPORTERS],
    ["review", REVIEW_FORMATS, REVIEW_RENDERERS],
    ["audit", AUDIT_FORMATS, AUDIT_RENDERERS],
    ["conformance", CONFORMANCE_FORMATS, CONFORMANCE_REPORTERS],
  ] as const)("GIVEN the %s's formats THEN each has a renderer and no renderer is unlisted", (_command, formats, renderers) => {
    expect(Object.keys(renderers).sort()).toEqual([...formats].sort());
  });

  it("GIVEN the audit THEN it accepts every format of the check and renders it with the check's renderer", () => {
    expect(AUDIT_FORMATS.slice(0, FORMATS.length)).toEqual(FORMATS);
    for (const f of FORMATS) expect(AUDIT_RENDERERS[f]).toBe(REPORTERS[f]);
  });
});
