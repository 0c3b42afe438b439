// `npm run bench`: every benchmark in turn; each also runs alone (`npx tsx bench/<name>.ts`) and writes
// bench/results/<name>.json.
import { existsSync } from "node:fs";
import { join } from "node:path";

const BENCHES = ["synth", "authorizer", "check", "review", "startup", "httpapi", "openapi", "junit", "gate", "audit", "corpus-scale"] as const;

async function main(): Promise<void> {
  for (const name of BENCHES) {
    const file = join(__dirname, `${name}.ts`);
    if (!existsSync(file)) {
      console.log(`\n== ${name}: not present`);
      continue;
    }
    console.log(`\n== ${name}`);
    const mod = (await import(file)) as { run: () => Promise<unknown> };
    await mod.run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
