// Where the headless-browser tests find Chromium: CHROMIUM_PATH when set, else Debian's /usr/bin/chromium. No
// browser is downloaded (playwright-core drives the one installed). Absent, the suite is skipped with a message
// that names both places, never passed.
import { existsSync } from "node:fs";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** The Chromium binary to drive, or why there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): { path: string } | { missing: string } {
  const fromEnv = env["CHROMIUM_PATH"];
  if (fromEnv !== undefined && fromEnv !== "") {
    return exists(fromEnv) ? { path: fromEnv } : { missing: `CHROMIUM_PATH is set to ${fromEnv}, which does not exist` };
  }
  if (exists(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM };
  return { missing: `no Chromium: CHROMIUM_PATH is not set and ${DEBIAN_CHROMIUM} does not exist (apt-get install chromium)` };
}
