// Which relative links of a Markdown page lead nowhere: a missing file, a path out of the repository, or an anchor
// that no heading of the target page gives.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { anchors, links } from "./read-markdown";

/** Every broken relative link of a page, as "<page>:<line>: <target> (why)", the page named relative to root. */
export function brokenLinks(page: string, root: string): string[] {
  const text = readFileSync(page, "utf8");
  return links(text).flatMap(({ target, line }) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return []; // https:, mailto:, ...: not in the repository
    const [pathPart = "", anchor] = target.split("#", 2);
    const file = pathPart === "" ? page : resolve(dirname(page), decodeURIComponent(pathPart));
    const where = `${relative(root, page)}:${line}: ${target}`;
    if (file !== root && !file.startsWith(root + sep)) return [`${where} (outside the repository)`];
    if (!existsSync(file)) return [`${where} (no such file)`];
    if (anchor === undefined || anchor === "") return [];
    if (statSync(file).isDirectory() || !file.endsWith(".md")) return [`${where} (an anchor into a file that has no headings)`];
    return anchors(readFileSync(file, "utf8")).has(decodeURIComponent(anchor)) ? [] : [`${where} (no heading gives #${anchor})`];
  });
}
