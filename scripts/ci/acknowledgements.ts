// Which `authz-ack:<digest>` labels on a pull request count as acknowledgements. Pure: the GitHub API answers
// (labels, the issue's label events, each applier's permission) come in as data; read-acknowledgements.ts does the I/O.
// A label counts only when the person who applied it last is on the approvers list (the repository variable
// AUTHZ_ACK_APPROVERS: the security owners), has write, maintain or admin permission, and is not the pull request's
// author: anyone with triage can apply labels, any writer could push a downgrade onto someone else's pull request
// and label it, and authors must not approve their own downgrades. No list: no label counts (fail closed).

import { ACK_LABEL_PREFIX, DIGEST_PATTERN } from "../../guard/review/acknowledge";

export { ACK_LABEL_PREFIX };
/** The label the workflow used before digests; it acknowledges nothing and is removed on every push. */
export const LEGACY_ACK_LABEL = "authz-downgrade-approved";

/** The digest an `authz-ack:<digest>` label names, or undefined when the label is not one (or is malformed). */
export function digestOfLabel(label: string): string | undefined {
  if (!label.startsWith(ACK_LABEL_PREFIX)) return undefined;
  const digest = label.slice(ACK_LABEL_PREFIX.length);
  return DIGEST_PATTERN.test(digest) ? digest : undefined;
}

/** One entry of `GET /repos/{owner}/{repo}/issues/{n}/events`, only the fields read here. */
export interface IssueEvent {
  readonly event: string;
  readonly label?: { readonly name: string };
  readonly actor?: { readonly login: string; readonly type?: string } | null;
}

/** `GET /repos/{owner}/{repo}/collaborators/{user}/permission`: `permission` is the base role (maintain reads as write). */
export interface RepositoryPermission {
  readonly permission: string;
}

export interface Applier {
  readonly login: string;
  readonly type: string;
}

/** Who applied each label last (events are in the API's chronological order); undefined when no event names it. */
export function lastAppliers(labels: readonly string[], events: readonly IssueEvent[]): Map<string, Applier | undefined> {
  const out = new Map<string, Applier | undefined>(labels.map((l) => [l, undefined]));
  for (const e of events) {
    if (e.event !== "labeled" || e.label === undefined || !out.has(e.label.name)) continue;
    out.set(e.label.name, e.actor ? { login: e.actor.login, type: e.actor.type ?? "User" } : undefined);
  }
  return out;
}

export interface AcknowledgementInput {
  /** The labels on the pull request now (read from the API, not from the event payload). */
  readonly labels: readonly string[];
  readonly events: readonly IssueEvent[];
  /** The pull request author's login. */
  readonly author: string;
  /** Permission of each applier by login; a login missing here (lookup failed) does not count. */
  readonly permissions: ReadonlyMap<string, RepositoryPermission>;
  /** Logins allowed to acknowledge (case-insensitive); empty = nobody. */
  readonly approvers: readonly string[];
}

/** The approvers list as the repository variable holds it: logins separated by commas or whitespace, `@` optional. */
export function parseApprovers(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[\s,]+/)
    .map((l) => l.replace(/^@/, "").trim())
    .filter((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(l));
}

export interface Decision {
  readonly label: string;
  readonly digest?: string;
  readonly counted: boolean;
  readonly reason: string;
}

const WRITERS = new Set(["admin", "write"]);

/** Decide, for each acknowledgement label, whether it counts, and why (the workflow prints every reason). */
export function decideAcknowledgements(input: AcknowledgementInput): Decision[] {
  const ackLabels = input.labels.filter((l) => l.startsWith(ACK_LABEL_PREFIX) || l === LEGACY_ACK_LABEL).sort();
  const appliers = lastAppliers(ackLabels, input.events);
  return ackLabels.map((label): Decision => {
    if (label === LEGACY_ACK_LABEL)
      return { label, counted: false, reason: `${LEGACY_ACK_LABEL} no longer acknowledges anything; apply the authz-ack:<digest> label the review names` };
    const digest = digestOfLabel(label);
    if (digest === undefined) return { label, counted: false, reason: "not authz-ack:<16 lowercase hex digits>" };
    const applier = appliers.get(label);
    if (applier === undefined) return { label, digest, counted: false, reason: "no labeled event names who applied it" };
    if (applier.type !== "User") return { label, digest, counted: false, reason: `applied by ${applier.login} (${applier.type}), not a person` };
    if (applier.login.toLowerCase() === input.author.toLowerCase())
      return { label, digest, counted: false, reason: `applied by ${applier.login}, the pull request's author` };
    const permission = input.permissions.get(applier.login)?.permission;
    if (permission === undefined) return { label, digest, counted: false, reason: `permission of ${applier.login} could not be read` };
    if (!WRITERS.has(permission))
      return { label, digest, counted: false, reason: `applied by ${applier.login}, who has ${permission} permission (needs write, maintain or admin)` };
    if (!input.approvers.some((a) => a.toLowerCase() === applier.login.toLowerCase())) {
      return {
        label,
        digest,
        counted: false,
        reason: `applied by ${applier.login}, who is not in AUTHZ_ACK_APPROVERS${input.approvers.length === 0 ? " (the list is empty: set the repository variable)" : ""}`,
      };
    }
    return { label, digest, counted: true, reason: `applied by ${applier.login} (${permission})` };
  });
}

/** The logins whose permission must be looked up before deciding (appliers of well-formed labels, not the author). */
export function appliersToLookUp(labels: readonly string[], events: readonly IssueEvent[], author: string): string[] {
  const ack = labels.filter((l) => digestOfLabel(l) !== undefined);
  const logins = [...lastAppliers(ack, events).values()]
    .filter((a): a is Applier => a !== undefined && a.type === "User" && a.login.toLowerCase() !== author.toLowerCase())
    .map((a) => a.login);
  return [...new Set(logins)].sort();
}
