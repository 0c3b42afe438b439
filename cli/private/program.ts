// How the user started a subcommand, named once for every usage line: the installed command
// (`api-access-check review`) or this repository's npm script (`npm run review --`).

/** The installed command (packages/api-access-check). */
export const BIN = "api-access-check";

export type Subcommand = "check" | "review" | "audit";

/** What the user typed before the arguments: `api-access-check <sub>` when installed, else `npm run <sub> --`. */
export const invokedAs = (sub: Subcommand, installed: boolean): string => (installed ? `${BIN} ${sub}` : `npm run ${sub} --`);
