// What a suite that applies to a local moto endpoint lacks on this machine (printed as its SKIPPED reason), or
// undefined when moto_server, terraform and the provider mirror are all there. One definition for every such suite.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { motoInstalled } from "../../cli/private/moto";

export function motoSuiteMissing(): string | undefined {
  if (!motoInstalled()) return "moto_server is not on PATH";
  if (spawnSync("terraform", ["version"], { encoding: "utf8" }).status !== 0) return "terraform is not on PATH";
  const mirror = process.env.TF_PROVIDER_MIRROR ?? "";
  if (mirror === "") return "TF_PROVIDER_MIRROR is not set";
  if (!existsSync(mirror)) return `TF_PROVIDER_MIRROR=${mirror} does not exist`;
  return undefined;
}
