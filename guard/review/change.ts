// One way to make a classified change of the authorization review (diff.ts and every comparer): its severity is its
// kind's, from the catalogues (kinds.ts), never the call site's.
import { severityOf, type ChangeKind } from "./kinds";
import type { Change } from "./types";

export function change(kind: ChangeKind, subject: string, message: string, addresses: readonly string[]): Change {
  return { severity: severityOf(kind), kind, subject, message, addresses: [...new Set(addresses)] };
}
