// Acknowledgements bound to what was reviewed: the digest names the exact set of blocking changes a report shows;
// an acknowledgement counts only for that set, so a push that changes the set voids it. Pure.
import { createHash } from "node:crypto";
import type { Change } from "./types";

/** The label an approver (AUTHZ_ACK_APPROVERS) applies to acknowledge exactly the blocking changes of digest `d`. */
export const ACK_LABEL_PREFIX = "authz-ack:";
export const ackLabel = (digest: string): string => `${ACK_LABEL_PREFIX}${digest}`;

/** 16 lowercase hex characters: digests the CLI accepts (`--acknowledge`). */
export const DIGEST_PATTERN = /^[0-9a-f]{16}$/;

/**
 * Digest of a set of blocking changes: order-independent, over kind, subject and message (which carry the route,
 * the before and the after). "" when nothing blocks.
 */
export function blockingDigest(changes: readonly Change[]): string {
  const lines = changes
    .filter((c) => c.severity === "blocking")
    .map((c) => JSON.stringify([c.kind, c.subject, c.message]))
    .sort();
  if (lines.length === 0) return "";
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16);
}
