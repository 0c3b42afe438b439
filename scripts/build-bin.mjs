// Builds the installable command into packages/api-access-check, the command's publishable package (its
// package.json has no dependencies; the repository root is the project and is not packed), as two CommonJS files
// for Node 20 that start without a TypeScript loader and need no node_modules at run time:
// - check.js: cli/check-bin.ts and everything it imports (the check), the command's entry;
// - review.js: cli/review.ts (the authorization diff of two plans), loaded the same way by `review` only;
// - audit.js: cli/audit.ts with the AWS SDK clients it uses, which check.js loads by a dynamic import only when the
//   `audit` subcommand runs, so the check's start-up never parses the SDK.
// `node scripts/build-bin.mjs [--outdir DIR]`: with --outdir the bundles and a copy of that package (no scripts) go
// to DIR instead, a package of its own to `npm pack` or run.
// Each bundle may inline only what it is allowed: the check and the review `yaml` alone (it must never pull in the SDK, cdktf or
// anything else heavy by accident); the audit that, plus the AWS SDK clients the project depends on
// (`@aws-sdk/client-*` in package.json) and what they bring at run time, computed, so a client the audit starts to
// import is bundled without editing this file, while cdktf and the like still fail the build. The licences of every
// inlined package go beside the bundles (THIRD-PARTY-LICENSES), as their terms ask of every copy.
import { build } from "esbuild";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { packagesIn, runtimeClosure, thirdPartyLicenses } from "./private/bundled-packages.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHECK_ALLOWED = ["yaml"];
/** The command's package: package.json (no dependencies), README.md, LICENSE committed; the build adds the rest. */
const PACKAGE_DIR = join(root, "packages", "api-access-check");
const THIRD_PARTY = "THIRD-PARTY-LICENSES";
/** The audit's bundle, beside check.js; cli/check-bin.ts imports "./audit", which the check's build points here. */
const AUDIT_FILE = "audit.js";
/** The review's bundle, beside check.js, likewise for "./review". */
const REVIEW_FILE = "review.js";
/** cli/check-bin.ts's dynamic imports and the bundles beside check.js they load. */
const OUTSIDE = { "./audit": AUDIT_FILE, "./review": REVIEW_FILE };

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

/** The names of the packages a bundle inlines. */
const namesIn = (metafile) => [...new Set(packagesIn(root, metafile).map((p) => p.name))];

/** A bundle's inlined packages that are not in `allowed`: the build stops on any. */
function refuseOthers(file, metafile, allowed) {
  const extra = namesIn(metafile).filter((p) => !allowed.has(p));
  if (extra.length > 0) {
    process.stderr.write(`build-bin: ${file} would include ${extra.join(", ")}; only ${[...allowed].sort().join(", ")} may be inlined there\n`);
    process.exit(1);
  }
}

const COMMON = {
  // Input paths in the metafile are relative to this: where the package's prepack runs the build from does not matter.
  absWorkingDir: root,
  // `require.main` is defined away so no bundled module's own "run when executed directly" line (cli/check.ts and
  // cli/audit.ts have one for tsx) fires a second run.
  define: { "require.main": "undefined" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
};

/** In the check's bundle, cli/check-bin.ts's dynamic imports of the audit and the review load the bundles beside check.js. */
const bundlesOutside = {
  name: "bundles-outside",
  setup(b) {
    b.onResolve({ filter: /^\.\/(audit|review)$/ }, (args) =>
      args.kind === "dynamic-import" && args.importer === join(root, "cli", "check-bin.ts") ? { path: `./${OUTSIDE[args.path]}`, external: true } : undefined,
    );
  },
};

const outdir = outdirArg(process.argv.slice(2));
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, "check.js");
const project = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8"));
// `--version` prints the project's version (cli/private/version.ts): the package must carry the same one, and it
// must stay bundles with nothing to install beside them.
if (pkg.version !== project.version) {
  process.stderr.write(`build-bin: packages/api-access-check/package.json has version ${pkg.version}, package.json ${project.version}: make them equal\n`);
  process.exit(1);
}
const declared = ["dependencies", "peerDependencies", "optionalDependencies", "bundleDependencies"].filter((k) => pkg[k] !== undefined);
if (declared.length > 0) {
  process.stderr.write(
    `build-bin: packages/api-access-check/package.json declares ${declared.join(", ")}: the command's bundles hold everything it runs, it has no dependencies\n`,
  );
  process.exit(1);
}

const check = await build({
  ...COMMON,
  // The entry calls the command unconditionally; `audit` answers with a promise of its exit code.
  stdin: {
    contents: 'import { binMain } from "./cli/check-bin";\nvoid Promise.resolve(binMain(process.argv.slice(2))).then((code) => (process.exitCode = code));\n',
    resolveDir: root,
    sourcefile: "bin-entry.ts",
    loader: "ts",
  },
  outfile,
  banner: { js: "#!/usr/bin/env node" },
  plugins: [bundlesOutside],
});
refuseOthers("check.js", check.metafile, new Set(CHECK_ALLOWED));
for (const [from, file] of Object.entries(OUTSIDE)) {
  if (!Object.values(check.metafile.outputs).some((o) => o.imports.some((i) => i.path === `./${file}` && i.kind === "dynamic-import"))) {
    process.stderr.write(`build-bin: check.js does not load ./${file} (cli/check-bin.ts must import("${from}")): the subcommand would be missing\n`);
    process.exit(1);
  }
}
chmodSync(outfile, 0o755);

const reviewFile = join(outdir, REVIEW_FILE);
const review = await build({
  ...COMMON,
  stdin: { contents: 'export { main } from "./cli/review";\n', resolveDir: root, sourcefile: "review-entry.ts", loader: "ts" },
  outfile: reviewFile,
});
refuseOthers(REVIEW_FILE, review.metafile, new Set(CHECK_ALLOWED));

const auditFile = join(outdir, AUDIT_FILE);
const audit = await build({
  ...COMMON,
  stdin: { contents: 'export { main } from "./cli/audit";\n', resolveDir: root, sourcefile: "audit-entry.ts", loader: "ts" },
  outfile: auditFile,
});
const clients = Object.keys(project.dependencies ?? {}).filter((d) => d.startsWith("@aws-sdk/client-"));
refuseOthers(AUDIT_FILE, audit.metafile, new Set([...CHECK_ALLOWED, ...runtimeClosure(root, clients)]));

const bundled = packagesIn(root, { inputs: { ...check.metafile.inputs, ...review.metafile.inputs, ...audit.metafile.inputs } });
try {
  writeFileSync(join(outdir, THIRD_PARTY), thirdPartyLicenses(bundled));
} catch (e) {
  process.stderr.write(`build-bin: ${THIRD_PARTY}: ${e.message}\n`);
  process.exit(1);
}
if (outdir !== PACKAGE_DIR) {
  // A copy elsewhere is packed or run from there: its prepack (../../scripts/build-bin.mjs) would not resolve.
  const { scripts: _scripts, ...manifest } = pkg;
  writeFileSync(join(outdir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const f of ["README.md", "LICENSE"]) copyFileSync(join(PACKAGE_DIR, f), join(outdir, f));
}
const kib = (file) => (readFileSync(file).length / 1024).toFixed(0);
process.stdout.write(
  `build-bin: ${outfile} (${kib(outfile)} KiB; inlined: ${namesIn(check.metafile).join(", ") || "none"})\n` +
    `build-bin: ${reviewFile} (${kib(reviewFile)} KiB, loaded by \`review\` only; inlined: ${namesIn(review.metafile).join(", ") || "none"})\n` +
    `build-bin: ${auditFile} (${kib(auditFile)} KiB, loaded by \`audit\` only; inlined: ${namesIn(audit.metafile).length} packages)\n`,
);
