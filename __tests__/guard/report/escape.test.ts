// The escapes of the output layer beyond Markdown and Mermaid (those: review/inert-comment.test.ts): XML for JUnit,
// HTML for the audit's evidence, plain text for a terminal. Names from the input carry markup and control
// characters; each escape must leave them unable to open anything in its format.
import { htmlText, terminalText, xmlText } from "../../../guard/report/escape";

describe("xmlText (JUnit)", () => {
  it("GIVEN the five markup characters THEN each is its predefined entity", () => {
    expect(xmlText(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });

  it("GIVEN control characters XML 1.0 cannot hold THEN they are dropped, tab and line breaks kept", () => {
    expect(xmlText("a\u0000b\u001bc\u000cd\te\nf\rg")).toBe("abcd\te\nf\rg");
  });

  it("GIVEN an entity already written THEN its ampersand is escaped too (no double meaning)", () => {
    expect(xmlText("&lt;")).toBe("&amp;lt;");
  });
});

describe("htmlText (the audit's HTML)", () => {
  it("GIVEN a name that would open a script or end an attribute THEN it is text", () => {
    expect(htmlText(`<script>alert("x")</script>' onload='x`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x");
  });

  it("GIVEN a control character an XML parser refuses (an account alias with U+0001) THEN it is dropped; tab and newline stay", () => {
    expect(htmlText("prod\u0001\u001f-alias\tx\ny")).toBe("prod-alias\tx\ny");
  });

  it("GIVEN plain text THEN it is unchanged", () => {
    expect(htmlText("GET /pets/{id}: COGNITO (scopes: petstore/read)")).toBe("GET /pets/{id}: COGNITO (scopes: petstore/read)");
  });
});

describe("terminalText (the review's text)", () => {
  it("GIVEN an escape sequence, a carriage return or a backspace THEN each becomes ? so it cannot drive the terminal", () => {
    expect(terminalText("api\u001b[2Jx\rover\bz\u007f")).toBe("api?[2Jx?over?z?");
  });

  it("GIVEN an 8-bit control (CSI U+009B, which some terminals obey like ESC [) THEN it becomes ?", () => {
    expect(terminalText("a\u009b2Jb\u0085c\u00a0d")).toBe("a?2Jb?c\u00a0d");
  });

  it("GIVEN tabs and line breaks THEN they stay (the layout's own)", () => {
    expect(terminalText("a\tb\nc")).toBe("a\tb\nc");
  });
});
