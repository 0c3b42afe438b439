// Builds the installable check command: cli/check-bin.ts and everything it imports as one CommonJS file for
// Node 20 (check.js), so it starts without a TypeScript loader and needs no node_modules at run time, into
// packages/api-access-check, the command's publishable package (its package.json has no dependencies; the
// repository root is the project and is not packed). `node scripts/build-bin.mjs [--outdir DIR]`: with --outdir the
// bundle and a copy of that package (no scripts) go to DIR instead, a package of its own to `npm pack` or run.
// The bundle may inline only the packages in ALLOWED: the check must never pull in cdktf (or anything else
// heavy) by accident, so a new one fails the build until someone decides it belongs there. Their licences go
// beside the bundle (THIRD-PARTY-LICENSES), as their terms ask of every copy.
import { build } from "esbuild";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ALLOWED = ["yaml"];
/** The command's package: package.json (no dependencies), README.md, LICENSE committed; the build adds the rest. */
const PACKAGE_DIR = join(root, "packages", "api-access-check");
const THIRD_PARTY = "THIRD-PARTY-LICENSES";

const USAGE = "usage: node scripts/build-bin.mjs [--outdir DIR]";

/** The output directory: strict parsing as every CLI of the project (cli/private/args.ts), usage errors exit 2. */
function outdirArg(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { outdir: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }));
  } catch (e) {
    process.stderr.write(`build-bin: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.outdir === "") {
    process.stderr.write(`build-bin: --outdir needs a directory\n${USAGE}\n`);
    process.exit(2);
  }
  return values.outdir === undefined ? PACKAGE_DIR : resolve(values.outdir);
}

/** Packages (by node_modules name) among the bundle's inputs. */
function packagesIn(metafile) {
  const names = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m !== null) names.add(m[1]);
  }
  return [...names].sort();
}

const outdir = outdirArg(process.argv.slice(2));
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, "check.js");
const project = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8"));
// `--version` prints the project's version (cli/private/version.ts): the package must carry the same one, and it
// must stay one file with nothing to install beside it.
if (pkg.version !== project.version) {
  process.stderr.write(`build-bin: packages/api-access-check/package.json has version ${pkg.version}, package.json ${project.version}: make them equal\n`);
  process.exit(1);
}
const declared = ["dependencies", "peerDependencies", "optionalDependencies", "bundleDependencies"].filter((k) => pkg[k] !== undefined);
if (declared.length > 0) {
  process.stderr.write(`build-bin: packages/api-access-check/package.json declares ${declared.join(", ")}: the command is one file with no dependencies\n`);
  process.exit(1);
}

const result = await build({
  // The entry calls the command unconditionally; `require.main` is defined away so no bundled module's own
  // "run when executed directly" line (cli/check.ts has one for tsx) fires a second run.
  stdin: {
    contents: 'import { binMain } from "./cli/check-bin";\nprocess.exitCode = binMain(process.argv.slice(2));\n',
    resolveDir: root,
    sourcefile: "bin-entry.ts",
    loader: "ts",
  },
  define: { "require.main": "undefined" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  outfile,
  banner: { js: "#!/usr/bin/env node" },
  minify: true,
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
});

const extra = packagesIn(result.metafile).filter((p) => !ALLOWED.includes(p));
if (extra.length > 0) {
  process.stderr.write(`build-bin: the bundle would include ${extra.join(", ")}; only ${ALLOWED.join(", ")} may be inlined (guard/ must not import them)\n`);
  process.exit(1);
}
chmodSync(outfile, 0o755);
writeFileSync(
  join(outdir, THIRD_PARTY),
  ALLOWED.map((name) => `${name}\n${"=".repeat(name.length)}\n\n${readFileSync(join(root, "node_modules", name, "LICENSE"), "utf8").trim()}\n`).join("\n"),
);
if (outdir !== PACKAGE_DIR) {
  // A copy elsewhere is packed or run from there: its prepack (../../scripts/build-bin.mjs) would not resolve.
  const { scripts: _scripts, ...manifest } = pkg;
  writeFileSync(join(outdir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const f of ["README.md", "LICENSE"]) copyFileSync(join(PACKAGE_DIR, f), join(outdir, f));
}
process.stdout.write(
  `build-bin: ${outfile} (${(readFileSync(outfile).length / 1024).toFixed(0)} KiB; inlined: ${packagesIn(result.metafile).join(", ") || "none"})\n`,
);
