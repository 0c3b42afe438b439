// The PR comment is inert: every name taken from the head (API, route, authorizer, scope names) renders as text
// and cannot open HTML, a comment, a link, a mention, a code span or fence, a table cell or Mermaid syntax; a
// comment over GitHub's 65,535-character limit is cut with a pointer to the full report.
import { modelFromDocument } from "../../../../guard/load";
import { fitMarkdown, GITHUB_COMMENT_LIMIT, mdCode, mdText, mermaidText } from "../../../../guard/report/escape";
import { diffModels } from "../../../../guard/review/diff";
import { FULL_REPORT_NOTICE, REVIEW_MARKER, renderMarkdown } from "../../../../guard/report/review/markdown";
import { method, only, synth, type Json } from "../../review/fixtures/pairs";

const EVIL = 'x<!-- hide --> <img src=x> | `tick` ```fence\n@org/team [link](https://e.x) ~~s~~ "q" #35; &amp;';

function evilReport() {
  const base = synth("dev");
  const head = synth("dev");
  // The head renames the API and opens a route whose path part carries markup.
  (only(head, "aws_api_gateway_rest_api") as Json)["name"] = `petstore-dev${EVIL}`;
  (only(base, "aws_api_gateway_rest_api") as Json)["name"] = `petstore-dev${EVIL}`;
  const m = method(head, "GET", "/pets");
  m["authorization"] = "NONE";
  delete m["authorizer_id"];
  delete m["authorization_scopes"];
  const resources = head.resource["aws_api_gateway_resource"] as Record<string, Json>;
  for (const r of Object.values(resources)) if (r["path_part"] === "admin") r["path_part"] = `adm${EVIL}`;
  return diffModels(modelFromDocument(base, "b.cdk.tf.json"), modelFromDocument(head, "h.cdk.tf.json"));
}

/** The text outside code spans (CommonMark: a run of n backticks closes at the next run of exactly n). */
function outsideCodeSpans(md: string): string {
  let out = "";
  let i = 0;
  while (i < md.length) {
    if (md[i] !== "`" || (i > 0 && md[i - 1] === "\\")) {
      out += md[i++];
      continue;
    }
    let n = 0;
    while (md[i + n] === "`") n++;
    const fence = "`".repeat(n);
    let j = md.indexOf(fence, i + n);
    while (j >= 0 && md[j + n] === "`") j = md.indexOf(fence, j + n + 1);
    if (j < 0) {
      out += md.slice(i, i + n);
      i += n;
    } else i = j + n;
  }
  return out;
}

describe("GIVEN a head whose names carry Markdown, HTML and Mermaid syntax", () => {
  const md = renderMarkdown(evilReport());
  const open = md.indexOf("```mermaid\n");
  const close = md.indexOf("\n```\n", open);
  const live = outsideCodeSpans(md.slice(0, open) + md.slice(close + 5));

  it("THEN the only HTML comment is the marker, and no tag, mention or link is live", () => {
    expect(live.split("<!--").length - 1).toBe(1);
    expect(md.startsWith(REVIEW_MARKER)).toBe(true);
    expect(live).not.toContain("<img");
    expect(live).not.toMatch(/(^|[^\\])\[link\]/);
    expect(live).not.toMatch(/(^|[^;\\&#])@org/);
  });

  it("THEN no name breaks a table row or the Mermaid fence", () => {
    // Every table row has the column count of its header.
    const lines = md.split("\n");
    let columns = 0;
    for (const line of lines) {
      if (!line.startsWith("|")) {
        columns = 0;
        continue;
      }
      const cells = line.replace(/\\\|/g, "").split("|").length - 2;
      if (columns === 0) columns = cells;
      else expect(cells).toBe(columns);
    }
    const fences = lines.filter((l) => l.startsWith("```"));
    expect(fences).toEqual(["```mermaid", "```"]);
    const mermaid = md.slice(open + "```mermaid\n".length, close);
    expect(mermaid).not.toContain("`");
    for (const label of mermaid.matchAll(/\["([^"]*)"\]/g)) expect(label[1].replace(/<br\/>/g, "")).not.toMatch(/[<>]/);
  });
});

describe("inert text helpers", () => {
  it.each([
    ["<b>", "&lt;b&gt;"],
    ["a|b", "a\\|b"],
    ["[x](y)", "\\[x\\](y)"],
    ["@team", "&#64;team"],
    ["line\nbreak", "line break"],
    ["`code`", "\\`code\\`"],
  ])("mdText(%j) = %j", (input, out) => expect(mdText(input)).toBe(out));

  it("mdCode keeps backticks inside the span and escapes pipes", () => {
    expect(mdCode("a`b")).toBe("`` a`b ``");
    expect(mdCode("a|b")).toBe("`a\\|b`");
    expect(mdCode("plain")).toBe("`plain`");
  });

  it("mermaidText entity-codes quotes, brackets, hashes and backticks", () => {
    expect(mermaidText('a"<b>#`&')).toBe("a#34;#60;b#62;#35;#96;#38;");
  });
});

describe("GIVEN a comment longer than GitHub's limit", () => {
  it("THEN it is cut at a line, the fence and details are closed, and it points to the full report", () => {
    const body = ["# t", "<details><summary>s</summary>", "```mermaid", ...Array.from({ length: 5000 }, (_, i) => `line ${i} ${"x".repeat(20)}`)].join("\n");
    const cut = fitMarkdown(body, GITHUB_COMMENT_LIMIT, FULL_REPORT_NOTICE);
    expect([...cut].length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(cut.trimEnd().endsWith(FULL_REPORT_NOTICE)).toBe(true);
    expect(cut.split("\n").filter((l) => l.startsWith("```"))).toHaveLength(2);
    expect(cut).toContain("</details>");
    expect(fitMarkdown("short", GITHUB_COMMENT_LIMIT, FULL_REPORT_NOTICE)).toBe("short");
  });

  it("THEN a review with thousands of changes renders under the limit", () => {
    const r = evilReport();
    const many = { ...r, changes: Array.from({ length: 3000 }, (_, i) => ({ ...r.changes[0], subject: `petstore-dev GET /r${i}` })) };
    const md = renderMarkdown(many);
    expect([...md].length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain(FULL_REPORT_NOTICE);
  });
});
