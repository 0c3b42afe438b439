// Builds the installable check command: cli/check-bin.ts and everything it imports as one CommonJS file for
// Node 20 (dist/check.js), so it starts without a TypeScript loader and needs no node_modules at run time, and
// dist/package.json, which makes dist/ a package of its own with no dependencies (`npm pack dist` gives a
// tarball other repositories install in a second). `node scripts/build-bin.mjs [--outdir DIR]`.
// The bundle may inline only the packages in ALLOWED: the check must never pull in cdktf (or anything else
// heavy) by accident, so a new one fails the build until someone decides it belongs there.
import { build } from "esbuild";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ALLOWED = ["yaml"];

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
  return values.outdir === undefined ? join(root, "dist") : resolve(values.outdir);
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
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

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
  join(outdir, "package.json"),
  `${JSON.stringify(
    {
      name: "api-access-check",
      version: pkg.version,
      description: "Checks API Gateway authorization in any Terraform plan against an intended-authorization policy.",
      license: pkg.license,
      engines: pkg.engines,
      bin: { "api-access-check": "check.js" },
      files: ["check.js"],
    },
    null,
    2,
  )}\n`,
);
process.stdout.write(
  `build-bin: ${outfile} (${(readFileSync(outfile).length / 1024).toFixed(0)} KiB; inlined: ${packagesIn(result.metafile).join(", ") || "none"})\n`,
);
