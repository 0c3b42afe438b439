// Who can acknowledge a blocking change: scripts/ci/acknowledgements.ts over API answers given as data.
import {
  appliersToLookUp,
  decideAcknowledgements,
  digestOfLabel,
  parseApprovers,
  type IssueEvent,
  type RepositoryPermission,
} from "../../../scripts/ci/acknowledgements";

const DIGEST = "0123456789abcdef";
const LABEL = `authz-ack:${DIGEST}`;
const labeled = (name: string, login: string, type = "User"): IssueEvent => ({ event: "labeled", label: { name }, actor: { login, type } });
const permissions = (entries: Record<string, string>): Map<string, RepositoryPermission> =>
  new Map(Object.entries(entries).map(([login, permission]) => [login, { permission }]));

/** The security owners allowed to acknowledge (every login the tests treat as legitimate). */
const APPROVERS = ["alice", "root", "bob", "carol", "Mallory", "mallory"];
const decide = (events: IssueEvent[], perms: Record<string, string>, labels = [LABEL], approvers = APPROVERS) =>
  decideAcknowledgements({ labels, events, author: "mallory", permissions: permissions(perms), approvers });

describe("acknowledgement labels", () => {
  it("GIVEN label names WHEN parsed THEN only authz-ack:<16 lowercase hex> names a digest", () => {
    expect(digestOfLabel(LABEL)).toBe(DIGEST);
    expect(digestOfLabel("authz-ack:0123456789ABCDEF")).toBeUndefined();
    expect(digestOfLabel("authz-ack:0123456789abcde")).toBeUndefined();
    expect(digestOfLabel("authz-ack:0123456789abcdef0")).toBeUndefined();
    expect(digestOfLabel("authz-downgrade-approved")).toBeUndefined();
    expect(digestOfLabel(`x${LABEL}`)).toBeUndefined();
  });

  it("Compliance: a maintainer who is not the author applied it THEN it counts", () => {
    expect(decide([labeled(LABEL, "alice")], { alice: "write" })).toEqual([
      { label: LABEL, digest: DIGEST, counted: true, reason: "applied by alice (write)" },
    ]);
    expect(decide([labeled(LABEL, "root")], { root: "admin" })[0]?.counted).toBe(true);
  });

  it("Noncompliance 1: the pull request's author applied it THEN it does not count (whatever their permission)", () => {
    const [d] = decide([labeled(LABEL, "Mallory")], { Mallory: "admin" });
    expect(d?.counted).toBe(false);
    expect(d?.reason).toContain("author");
  });

  it.each(["triage", "read", "none"])("Noncompliance 2: someone with %s permission applied it THEN it does not count", (permission) => {
    const [d] = decide([labeled(LABEL, "trudy")], { trudy: permission });
    expect(d?.counted).toBe(false);
    expect(d?.reason).toContain(permission);
  });

  it("Noncompliance 3: a bot or app applied it THEN it does not count", () => {
    const [d] = decide([labeled(LABEL, "some-app[bot]", "Bot")], { "some-app[bot]": "write" });
    expect(d?.counted).toBe(false);
  });

  it("Noncompliance 4: the applier's permission could not be read THEN it does not count", () => {
    expect(decide([labeled(LABEL, "alice")], {})[0]?.counted).toBe(false);
  });

  it("Noncompliance 5: no labeled event names the label THEN it does not count", () => {
    expect(decide([labeled("other", "alice")], { alice: "admin" })[0]?.counted).toBe(false);
  });

  it("Noncompliance 6: a maintainer applied it, removed it, and the author applied it again THEN the last applier decides", () => {
    const events: IssueEvent[] = [
      labeled(LABEL, "alice"),
      { event: "unlabeled", label: { name: LABEL }, actor: { login: "alice" } },
      labeled(LABEL, "mallory"),
    ];
    expect(decide(events, { alice: "admin", mallory: "write" })[0]?.counted).toBe(false);
  });

  it("Noncompliance 7: the retired authz-downgrade-approved or a malformed digest THEN nothing counts", () => {
    const labels = ["authz-downgrade-approved", "authz-ack:ABC"];
    const decisions = decide(
      labels.map((l) => labeled(l, "alice")),
      { alice: "admin" },
      labels,
    );
    expect(decisions.map((d) => d.counted)).toEqual([false, false]);
  });

  it("GIVEN labels that are not acknowledgements WHEN decided THEN they are not listed", () => {
    expect(decide([labeled("documentation", "alice")], { alice: "admin" }, ["documentation"])).toEqual([]);
  });

  it("GIVEN appliers WHEN looking up permissions THEN only people other than the author who applied a well-formed label", () => {
    const events = [
      labeled(LABEL, "alice"),
      labeled("authz-ack:1111111111111111", "mallory"),
      labeled("authz-ack:2222222222222222", "ci[bot]", "Bot"),
      labeled("authz-ack:bad", "bob"),
    ];
    const labels = [LABEL, "authz-ack:1111111111111111", "authz-ack:2222222222222222", "authz-ack:bad"];
    expect(appliersToLookUp(labels, events, "mallory")).toEqual(["alice"]);
  });
});

describe("the approvers list (AUTHZ_ACK_APPROVERS)", () => {
  it("GIVEN a writer who is not on the list (e.g. one who pushed a downgrade onto another's pull request) THEN the label does not count", () => {
    const [d] = decide([labeled(LABEL, "eve")], { eve: "write" }, [LABEL], ["alice"]);
    expect(d?.counted).toBe(false);
    expect(d?.reason).toContain("not in AUTHZ_ACK_APPROVERS");
  });

  it("GIVEN no list at all THEN no label counts, and the reason says to set the variable", () => {
    const [d] = decide([labeled(LABEL, "alice")], { alice: "admin" }, [LABEL], []);
    expect(d?.counted).toBe(false);
    expect(d?.reason).toContain("the list is empty");
  });

  it("GIVEN the variable's text THEN logins split on commas and whitespace, @ optional, junk dropped", () => {
    expect(parseApprovers(" @alice, bob\ncarol  ;drop_table ")).toEqual(["alice", "bob", "carol"]);
    expect(parseApprovers(undefined)).toEqual([]);
  });

  it("GIVEN an approver on the list (any case) with write permission THEN it counts", () => {
    expect(decide([labeled(LABEL, "Alice")], { Alice: "write" }, [LABEL], ["alice"])[0]?.counted).toBe(true);
  });
});
