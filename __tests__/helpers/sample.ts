// The built-in sample, named explicitly. The project's own suites test it whatever access-specs.json configures (a
// team's own specs after "Your own API in an hour") and against its own policy file, never the whole policies/
// folder (which then holds the team's policies too). The configured stacks have suites of their own (__tests__/policy).
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "..", "..");

/** The sample's spec module, as ACCESS_SPEC names it (relative to the repository root, where synth runs). */
export const SAMPLE_SPEC = "access-spec/samples/petstore.ts";

/** The security reviewer's policy for the sample. */
export const SAMPLE_POLICY = join(ROOT, "policies", "petstore.yaml");

/** An environment for `npm run synth` (scripts/synth.mjs) and the gate that builds the sample, not the configured list. */
export const sampleEnv = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => ({ ...env, ACCESS_SPEC: SAMPLE_SPEC });
