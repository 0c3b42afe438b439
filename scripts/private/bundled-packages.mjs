// What an esbuild bundle inlines, by package, for scripts/build-bin.mjs: the packages among a bundle's inputs, the
// packages a dependency may bring at run time (so the audit's allow-list is computed from the AWS SDK clients the
// project depends on, never written out by hand), and the text of THIRD-PARTY-LICENSES for all of them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The packages among a bundle's inputs: name, version and folder. A nested copy (node_modules/a/node_modules/b) is
 * package b, at its own folder and version.
 */
export function packagesIn(root, metafile) {
  const found = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const matches = [...input.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g)];
    const last = matches.at(-1);
    if (last === undefined) continue;
    const dir = join(root, input.slice(0, last.index + last[0].length));
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    found.set(`${last[1]}@${manifest.version}`, { name: last[1], version: manifest.version, license: manifest.license, dir });
  }
  return [...found.values()].sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name.localeCompare(b.name)));
}

/** The folder node would load package `name` from when required from `fromDir`, or undefined. */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The names of `names` and of every package their `dependencies` (and optional ones present) bring, transitively. */
export function runtimeClosure(root, names) {
  const seen = new Set();
  const queue = names.map((name) => ({ name, from: root }));
  while (queue.length > 0) {
    const { name, from } = queue.shift();
    const dir = packageDir(name, from);
    if (dir === undefined || seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) queue.push({ name: dep, from: dir });
  }
  return new Set([...seen].map((dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name));
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/**
 * THIRD-PARTY-LICENSES: every bundled package with its version and declared licence, and the texts of its licence
 * and notice files; packages whose texts are identical share one copy. A package with neither a licence file nor a
 * declared licence stops the build: what cannot be attributed is not shipped.
 */
export function thirdPartyLicenses(packages) {
  const byText = new Map();
  const undeclared = [];
  for (const p of packages) {
    const files = readdirSync(p.dir)
      .filter((f) => LICENCE_FILE.test(f))
      .sort();
    const text = files.map((f) => readFileSync(join(p.dir, f), "utf8").trim()).join("\n\n");
    if (text === "" && typeof p.license !== "string") undeclared.push(`${p.name}@${p.version}`);
    const key = text === "" ? `\u0000${p.license}` : text;
    if (!byText.has(key)) byText.set(key, []);
    byText.get(key).push(p);
  }
  if (undeclared.length > 0) throw new Error(`no licence file and no declared licence: ${undeclared.join(", ")}`);
  // A package that ships no licence file still grants its declared licence, whose terms ask for a copy of the text:
  // the copy shipped by another bundled package under the same licence, or the build stops.
  const withText = (license) => [...byText].find(([key, group]) => !key.startsWith("\u0000") && group.some((p) => p.license === license))?.[1][0];
  const sections = [...byText].map(([key, group]) => {
    const heading = group.map((p) => `${p.name}@${p.version} (${p.license ?? "see below"})`).join("\n");
    let body = key;
    if (key.startsWith("\u0000")) {
      const license = key.slice(1);
      const source = withText(license);
      if (source === undefined) throw new Error(`no ${license} licence text to ship with ${group.map((p) => p.name).join(", ")}`);
      body = `These packages ship no licence file; their package.json declares ${license}, whose text is given with ${source.name}@${source.version}.`;
    }
    return `${heading}\n${"=".repeat(Math.min(78, Math.max(...group.map((p) => `${p.name}@${p.version}`.length))))}\n\n${body}\n`;
  });
  return `Third-party software bundled into this package's JavaScript files, with the licences and notices it ships.\n\n${sections.join("\n")}`;
}
