// The documentation tests' own readers (__tests__/docs/private): a documentation test that cannot fail is no test,
// so each reader is shown failing on the input it exists to catch.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { andParts, commandsOf, dispositionOf, expectationOf, splitComment } from "./private/commands";
import { brokenLinks } from "./private/links";
import { anchors, fencedBlocks, links, slug } from "./private/read-markdown";

describe("fencedBlocks", () => {
  const md = [
    "# Title",
    "",
    "## Set-up",
    "Run this:",
    "```sh",
    "npm ci",
    "# a heading-looking comment",
    "```",
    "",
    "```",
    "plain",
    "```",
    "~~~diff",
    "-a",
    "+b",
    "~~~",
  ].join("\n");

  test("GIVEN blocks WHEN read THEN each has its language, body, section and the prose before it; # inside a block is no heading", () => {
    const blocks = fencedBlocks(md);
    expect(blocks.map((b) => [b.lang, b.body, b.section, b.line, b.end])).toEqual([
      ["sh", "npm ci\n# a heading-looking comment", "Set-up", 5, 8],
      ["", "plain", "Set-up", 10, 12],
      ["diff", "-a\n+b", "Set-up", 13, 16],
    ]);
    expect(blocks[0]?.before).toBe("Run this:");
  });

  test("GIVEN an unclosed fence THEN the block runs to the end of the file", () => {
    expect(fencedBlocks("```sh\nnpm test\nmore").map((b) => b.body)).toEqual(["npm test\nmore"]);
  });
});

describe("links, slug, anchors", () => {
  test("GIVEN links in prose, in inline code and in a code block THEN only the prose ones count", () => {
    const md = 'See [a](docs/a.md#x) and ![i](img.png) and `[no](no.md)`.\n```md\n[neither](n.md)\n```\n[ref]: docs/r.md\n<a href="h.md">h</a>\n';
    expect(links(md).map((l) => l.target)).toEqual(["docs/a.md#x", "img.png", "docs/r.md", "h.md"]);
  });

  test("GIVEN headings THEN their anchors are GitHub's: markup dropped, punctuation removed, repeats numbered", () => {
    expect(slug("No secrets in `plan.json`")).toBe("no-secrets-in-planjson");
    expect(slug("Policy as code: `npm run check`")).toBe("policy-as-code-npm-run-check");
    expect(slug("IAM: who can obtain credentials that invoke an `AWS_IAM` route")).toBe("iam-who-can-obtain-credentials-that-invoke-an-aws_iam-route");
    expect(slug("1. Make plan.json")).toBe("1-make-planjson");
    expect([...anchors('## Limits\n## Limits\n```\n## Not a heading\n```\n<a id="custom"></a>\n')]).toEqual(["limits", "limits-1", "custom"]);
  });

  test("GIVEN a page with a good link, a missing file, a missing anchor and a path out of the repository THEN exactly the three bad ones are named", () => {
    const root = mkdtempSync(join(tmpdir(), "docs-links-"));
    mkdirSync(join(root, "docs"));
    writeFileSync(join(root, "docs", "b.md"), "# B\n## Team state\n");
    writeFileSync(
      join(root, "docs", "a.md"),
      "[ok](b.md#team-state) [self](#a) [web](https://example.com/x)\n[gone](c.md)\n[anchor](b.md#team)\n[out](../../etc/passwd)\n# A\n",
    );
    expect(brokenLinks(join(root, "docs", "a.md"), root)).toEqual([
      "docs/a.md:2: c.md (no such file)",
      "docs/a.md:3: b.md#team (no heading gives #team)",
      "docs/a.md:4: ../../etc/passwd (outside the repository)",
    ]);
  });
});

describe("commands of a shell block", () => {
  test("GIVEN a line with a comment THEN the comment starts at a # after a space, never inside quotes", () => {
    expect(splitComment(`echo '{ "a": "#1" }' > f.json   # writes f`)).toEqual({ code: `echo '{ "a": "#1" }' > f.json`, comment: "writes f" });
    expect(splitComment("curl https://x/#frag")).toEqual({ code: "curl https://x/#frag", comment: "" });
  });

  test("GIVEN the comments' promises THEN PASS is exit 0, FAIL and BLOCK exit 1 unless stated, and named routes must be in the output", () => {
    expect(expectationOf("PASS: every route is what the policy intends")).toEqual({ exit: 0, output: ["PASS:"] });
    expect(expectationOf("FAIL (exit 1): GET /orders is NONE, the policy says COGNITO")).toEqual({ exit: 1, output: ["FAIL:", "GET /orders"] });
    expect(expectationOf("BLOCK: authorization removed on GET /orders")).toEqual({ exit: 1, output: ["blocking", "GET /orders"] });
    expect(expectationOf("usage error (exit 2)")).toEqual({ exit: 2, output: [] });
    expect(expectationOf("the version before the change")).toEqual({ exit: 0, output: [] });
  });

  test("GIVEN a block THEN blank and comment-only lines are no commands, a backslash continues a line, && splits outside quotes", () => {
    expect(commandsOf("# set up\n\nnpm run a -- \\\n  --x   # both\nnpm run b").map((c) => [c.code, c.comment])).toEqual([
      ["npm run a --    --x", "both"],
      ["npm run b", ""],
    ]);
    expect(andParts(`npm ci && echo 'a && b' && npm run synth`)).toEqual(["npm ci", "echo 'a && b'", "npm run synth"]);
  });

  test("GIVEN a command no test runs THEN it passes only when its CI file has the step; otherwise nothing runs it and it fails", () => {
    const notRun = { "npm ci": { why: "shared node_modules", file: ".ci/run", step: /^npm ci\b/ } };
    expect(dispositionOf("npm ci", notRun, () => "set -e\n  npm ci --no-audit\n")).toEqual({ run: false, ci: notRun["npm ci"] });
    expect(() => dispositionOf("npm ci", notRun, () => "npm install\n# npm ci\n")).toThrow('"npm ci" is not run by a test');
    expect(dispositionOf("npm run synth", notRun, () => "")).toEqual({ run: true });
  });
});
