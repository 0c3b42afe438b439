// The registry reachable here serves only the Linux builds of packages like @swc/core, so `npm install`
// writes a lock without the other platforms' optional packages, and `npm ci` then refuses the lock.
// This adds each missing optional platform package as a stub limited to its os/cpu/libc, which npm ci
// skips on every other platform. Run after changing dependencies: `node scripts/fix-lock-platforms.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const OSES = ["darwin", "win32", "linux", "android", "freebsd", "openharmony", "sunos", "aix", "netbsd", "openbsd"];
const CPUS = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "wasm32"];
const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;
const added = [];
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${path === "" ? "" : `${path}/`}node_modules/${name}`;
    if (packages[`node_modules/${name}`] !== undefined || packages[nested] !== undefined) continue;
    const parts = name.split("/").pop().split("-");
    const os = OSES.find((o) => parts.includes(o));
    let cpu = CPUS.find((c) => parts.includes(c));
    if (parts.some((p) => p.endsWith("eabihf") || p === "eabi")) cpu = "arm";
    const libc = parts.some((p) => p.startsWith("musl")) ? "musl" : parts.some((p) => p.startsWith("gnu")) ? "glibc" : undefined;
    if (os === undefined && cpu === undefined) continue; // not a platform package: leave it to npm
    packages[`node_modules/${name}`] = {
      version,
      ...(meta.dev ? { dev: true } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc && os === "linux" ? { libc: [libc] } : {}),
    };
    added.push(`${name}@${version}`);
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length === 0 ? "lock already complete" : `added ${added.length} platform stub(s): ${added.join(", ")}`);
