// Every escape of the output layer, one definition each. Text taken from the reviewed input (API, route, scope,
// group, resource names, messages that quote them) made inert for GitHub Markdown and Mermaid: it renders as the
// literal characters and cannot open HTML, comments, links, images, mentions, code fences, table cells or Mermaid
// syntax; and the same text as XML (JUnit), HTML (the audit's evidence) and plain text for a terminal.

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;" };

/** One line: newlines and other control characters become spaces. */
const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");

/**
 * Plain Markdown text inside a line (prose after a marker, table cells): HTML-significant characters and `@`
 * (mentions) as entities; the punctuation that opens links and images (`[`, `]`), emphasis, code spans, table
 * cells and strikethrough backslash-escaped. Rendered, it reads exactly as the input.
 */
export const mdText = (s: string): string =>
  oneLine(s)
    .replace(/[&<>@]/g, (c) => ENTITIES[c] as string)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);

/**
 * A code span: backticks cannot close it (a run longer than any inside is used), pipes are escaped for tables.
 * GitHub renders no HTML, links or mentions inside a code span.
 */
export function mdCode(s: string): string {
  const text = oneLine(s).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || longest > 0 ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text inside a quoted Mermaid label (`id["..."]`): the characters that could end the label (`"`), open HTML
 * (`<`, `>`, `&`), start an entity code (`#`) or a Markdown string or close the code fence (`` ` ``) as Mermaid
 * entity codes; one line.
 */
export const mermaidText = (s: string): string => oneLine(s).replace(/["<>#`&]/g, (c) => `#${c.charCodeAt(0)};`);

/** GitHub's limit for an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_535;

/**
 * Cuts Markdown to at most `limit` characters at a line boundary, closing an open code fence and `<details>`
 * blocks, and ends with `notice` (a pointer to the full report). Unchanged when it fits.
 */
export function fitMarkdown(markdown: string, limit: number, notice: string): string {
  if ([...markdown].length <= limit) return markdown;
  const lines = markdown.split("\n");
  const kept: string[] = [];
  let inFence = false;
  let openDetails = 0;
  // Room for the closing fence, the closing tags and the notice.
  const closing = (fence: boolean, details: number) => (fence ? 4 : 0) + details * 12 + notice.length + 8;
  let used = 0;
  for (const line of lines) {
    const size = [...line].length + 1;
    const fence: boolean = line.startsWith("```") ? !inFence : inFence;
    const details: number = openDetails + (line.match(/<details>/g)?.length ?? 0) - (line.match(/<\/details>/g)?.length ?? 0);
    if (used + size + closing(fence, Math.max(0, details)) > limit) break;
    kept.push(line);
    used += size;
    inFence = fence;
    openDetails = Math.max(0, details);
  }
  if (inFence) kept.push("```");
  for (let i = 0; i < openDetails; i++) kept.push("</details>");
  kept.push("", notice, "");
  return kept.join("\n");
}

/**
 * XML attribute or element text (JUnit): the five predefined entities, and the control characters XML 1.0 cannot
 * hold dropped.
 */
export const xmlText = (s: string): string =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

const HTML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * HTML attribute or element text (the audit's evidence): markup-significant characters as entities, and the control
 * characters an XML parser refuses dropped (the evidence is XHTML-clean: any XML parser reads it).
 */
export const htmlText = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/**
 * Plain text for a terminal: control characters that could drive it (escape sequences, carriage returns, form
 * feeds, and the 8-bit C1 controls such as CSI U+009B) become `?`; tabs and line breaks stay.
 */
export const terminalText = (s: string): string => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "?");
