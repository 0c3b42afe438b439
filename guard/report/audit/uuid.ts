// Name-based UUIDs (RFC 4122 version 5, SHA-1): the same content gives the same UUID, so two evidence files of the
// same account and checks can be compared observation by observation.
import { createHash } from "node:crypto";

/** The namespace of this project's evidence UUIDs: one fixed UUID, never to change (every evidence UUID derives from it). */
const EVIDENCE_NAMESPACE = "0a6b6e2c-5d1f-5f3e-9c57-6b2f0e8d4a11";

const bytesOf = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ""), "hex");

export function uuidV5(name: string, namespace: string = EVIDENCE_NAMESPACE): string {
  const hash = createHash("sha1").update(bytesOf(namespace)).update(name, "utf8").digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = ((b[6] as number) & 0x0f) | 0x50;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
