// Reading Markdown the way GitHub renders it, as far as the documentation tests need: fenced code blocks with the
// section they sit in, links outside code, and the anchors a page's headings get.

export interface FencedBlock {
  /** The info string's first word (`sh`, `diff`, ...); "" when the fence has none. */
  readonly lang: string;
  readonly body: string;
  /** 1-based lines of the opening and the closing fence (the last line when the fence is never closed). */
  readonly line: number;
  readonly end: number;
  /** The text of the last heading above the block ("" before the first). */
  readonly section: string;
  /** The prose between the previous block or heading and this block. */
  readonly before: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

/** Every fenced code block, in order. An unclosed fence runs to the end of the file, as GitHub renders it. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split("\n");
  const blocks: FencedBlock[] = [];
  let section = "";
  let prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const open = FENCE.exec(line);
    if (open === null) {
      const heading = HEADING.exec(line);
      if (heading !== null) {
        section = heading[2] ?? "";
        prose = [];
      } else prose.push(line);
      continue;
    }
    const fence = open[1] ?? "```";
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] ?? "";
      if (l.trimStart().startsWith(fence) && l.trim().replace(new RegExp(`^\\${fence[0]}+`), "") === "") break;
      body.push(l);
    }
    blocks.push({ lang: open[2] ?? "", body: body.join("\n"), line: i + 1, end: Math.min(j + 1, lines.length), section, before: prose.join("\n").trim() });
    prose = [];
    i = j;
  }
  return blocks;
}

/** The text outside fenced code blocks, with each block's lines kept as empty lines (line numbers stay right). */
function prose(markdown: string): string {
  const lines = markdown.split("\n");
  const fenced = new Set<number>();
  for (const b of fencedBlocks(markdown)) for (let n = b.line; n <= b.end; n++) fenced.add(n);
  return lines.map((l, i) => (fenced.has(i + 1) ? "" : l)).join("\n");
}

interface Link {
  readonly target: string;
  readonly line: number;
}

/** Every link target outside code: inline links and images, reference definitions and HTML `href`/`src`. */
export function links(markdown: string): Link[] {
  const found: Link[] = [];
  prose(markdown)
    .split("\n")
    .forEach((raw, i) => {
      const line = raw.replace(/(`+)[^`]*?\1/g, (m) => " ".repeat(m.length));
      for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ target: m[1] ?? "", line: i + 1 });
      const reference = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
      if (reference !== null) found.push({ target: reference[1] ?? "", line: i + 1 });
      for (const m of line.matchAll(/\b(?:href|src)="([^"]+)"/g)) found.push({ target: m[1] ?? "", line: i + 1 });
    });
  return found;
}

/** GitHub's anchor for a heading's text: inline markup dropped, lower case, punctuation removed, spaces as hyphens. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/[`*]/g, "")
    .replace(/(^|\s)_+|_+(\s|$)/g, "$1$2");
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every anchor a page offers: one per heading (repeated headings get -1, -2, ...) and explicit `<a id|name>`. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(markdown).split("\n")) {
    const heading = HEADING.exec(line);
    if (heading !== null) {
      const base = slug(heading[2] ?? "");
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1] ?? "");
  }
  return out;
}
