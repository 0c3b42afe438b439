// The version `--version` prints: the project's, which scripts/build-bin.mjs requires the command's package
// (packages/api-access-check) to carry too, so the installed command names the package it came from.
import { version } from "../../package.json";

export const VERSION: string = version;
