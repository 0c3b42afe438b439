// One way to make a classified change of the authorization review (diff.ts and every guard/access comparer).
import type { Change } from "./types";

export function change(severity: Change["severity"], kind: string, subject: string, message: string, addresses: readonly string[]): Change {
  return { severity, kind, subject, message, addresses: [...new Set(addresses)] };
}
