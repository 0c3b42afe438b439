// Policy documents are read by the one data reader: a repeated key is an error (JSON.parse would keep the last one,
// so `"Effect": "Deny", ..., "Effect": "Allow"` would read as an Allow nobody reviewed as one).
import { parsePolicy } from "../../../guard/load/iam";
import { isUnknown } from "../../../guard/model";

describe("parsePolicy", () => {
  it("GIVEN a statement with two Effect keys THEN the document is not read, and the problem says why", () => {
    const r = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"execute-api:Invoke","Resource":"*","Effect":"Allow"}]}');
    expect(isUnknown(r.document)).toBe(true);
    expect(r.parseError).toMatch(/duplicate key/);
  });

  it("GIVEN a well-formed document THEN its statements are read", () => {
    const r = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}');
    expect(isUnknown(r.document)).toBe(false);
    expect(r.parseError).toBeUndefined();
  });
});
