// The terminal tables' layout (the check's table, conformance's matrix).
import { alignColumns } from "../../../guard/report/columns";

describe("alignColumns", () => {
  it("GIVEN a heading and rows THEN every column but the last is padded to its widest cell, two spaces apart", () => {
    expect(
      alignColumns([
        ["SEVERITY", "RULE", "MESSAGE"],
        ["critical", "no-open-method", "GET /pets is open"],
        ["low", "stage-xray", "x"],
      ]),
    ).toEqual(["SEVERITY  RULE            MESSAGE", "critical  no-open-method  GET /pets is open", "low       stage-xray      x"]);
  });

  it("GIVEN a cell wider than the cap THEN the column is the cap wide and that cell overflows it", () => {
    expect(
      alignColumns(
        [
          ["A", "B"],
          ["abcdefgh", "x"],
          ["ab", "y"],
        ],
        4,
      ),
    ).toEqual(["A     B", "abcdefgh  x", "ab    y"]);
  });
});
