// The cdktf app: one AccessStack per environment spec. Specs are validated before anything is
// constructed; on any problem every problem is printed and the process exits 2 (bad input) without synthesizing.
// cdktf and the stacks load only once the specs are valid, so a bad spec is reported without that cost.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { selectSpecs, SYNTH_MARKER } from "./access-spec/select";

async function main(): Promise<void> {
  const selection = selectSpecs(process.env);
  if (selection.problems.length > 0) {
    for (const line of selection.problems) process.stderr.write(`${line}\n`);
    process.stderr.write(`synth: ${selection.problems.length} problem(s) in the access spec; nothing was synthesized\n`);
    process.exit(2);
  }
  const { App } = await import("cdktf");
  const { AccessStack } = await import("./stacks/access-stack");
  const app = new App();
  for (const { stackName, spec, backend } of selection.stacks) {
    new AccessStack(app, stackName, { spec, backend });
  }
  app.synth();
  // Which spec list these stacks came from: `npm run plan` refuses to synthesize another list over them.
  writeFileSync(
    join(app.outdir, SYNTH_MARKER),
    `${JSON.stringify({ from: selection.source.from, files: selection.source.files, stacks: selection.stacks.map((s) => s.stackName), root: __dirname }, null, 2)}\n`,
  );
}

void main();
