// The file the app (main.ts) writes into its output directory: which spec list the stacks came from and which
// project made them. `npm run plan` reads it (never synthesize another list over them) and so does the check
// (rebuild the packages from source only for this project's own output).
export const SYNTH_MARKER = "access-specs.synthesized.json";
