// IAM identities other than the roles iam.ts follows: users and groups (with their members), and every identity's
// statements from inline policies, user/group/role policies and attachments (customer policies of the
// configuration, AWS managed policies from the known table). A statement that cannot be read is kept as
// unreadable: whoever holds it counts as granted (fail closed).
import { isUnknown, type Model, type PolicyDocument, type PolicyStatement, type ResourceInstance } from "../../model";
import { documentFromDataSource, parsePolicy } from "../../load/iam";
import { asArray } from "../../load/json";
import { grantsNoApiAccess, managedPolicyDocument } from "../managed-policies";
import { managed, referenced, textOf } from "./refs";
import { perModel } from "../per-model";

export interface Identity {
  readonly kind: "user" | "group" | "role";
  readonly name: string;
  readonly address: string;
  readonly stack: string;
  /** Groups: the users of the configuration who are members. */
  readonly members: readonly string[];
  readonly statements: readonly PolicyStatement[];
  /** Policies held that cannot be read (known after apply, an unknown managed ARN): counted as granting. */
  readonly unreadable: readonly string[];
}

const HOLDER_ATTR: Readonly<Record<string, { readonly attr: string; readonly kind: Identity["kind"] }>> = {
  aws_iam_user_policy: { attr: "user", kind: "user" },
  aws_iam_group_policy: { attr: "group", kind: "group" },
  aws_iam_role_policy: { attr: "role", kind: "role" },
  aws_iam_user_policy_attachment: { attr: "user", kind: "user" },
  aws_iam_group_policy_attachment: { attr: "group", kind: "group" },
  aws_iam_role_policy_attachment: { attr: "role", kind: "role" },
};
const TYPE_OF: Readonly<Record<Identity["kind"], string>> = { user: "aws_iam_user", group: "aws_iam_group", role: "aws_iam_role" };

type Read = { readonly document: PolicyDocument } | { readonly unreadable: string };

/**
 * An unreadable template (`jsonencode({...})` with references) that names neither Lambda nor the action "*" cannot
 * grant invocation: it is not counted. Anything else unreadable counts as granting.
 */
const mentionsNoInvoke = (text: string | undefined): boolean => text !== undefined && text !== "" && !/lambda:|"\*"/i.test(text);

/** A policy value (`policy` JSON, a data document's `json`, an aws_iam_policy's `policy`). */
function readPolicy(model: Model, holder: ResourceInstance, attr: string): Read | undefined {
  const data = referenced(model, holder, attr, ["aws_iam_policy_document"]).find((d) => d.mode === "data");
  if (data !== undefined) return { document: documentFromDataSource(data.values) };
  const parsed = parsePolicy(holder.values[attr]);
  if (isUnknown(parsed.document) && mentionsNoInvoke(textOf(holder.values[attr]))) return undefined;
  if (isUnknown(parsed.document))
    return { unreadable: `${holder.address} (${parsed.parseError ?? `known after apply: ${textOf(holder.values[attr]) ?? ""}`})` };
  return { document: parsed.document };
}

/** An attachment's `policy_arn`: a customer policy of the configuration, or an AWS managed policy. */
function readArn(model: Model, holder: ResourceInstance): Read | undefined {
  const policy = referenced(model, holder, "policy_arn", ["aws_iam_policy"])[0];
  if (policy !== undefined) return readPolicy(model, policy, "policy");
  const arn = holder.values["policy_arn"];
  if (typeof arn === "string") {
    if (grantsNoApiAccess(arn)) return undefined;
    const doc = managedPolicyDocument(arn);
    return doc !== undefined ? { document: doc } : { unreadable: `${holder.address} (managed policy ${arn} not in the table)` };
  }
  return { unreadable: `${holder.address} (policy_arn ${textOf(arn) ?? "unset"})` };
}

const nameOf = (r: ResourceInstance): string => (typeof r.values["name"] === "string" ? (r.values["name"] as string) : r.address);

// Computed once per model: the doors of every target ask for the same identities.
export const identities = perModel((model): Identity[] => {
  const held = new Map<string, { statements: PolicyStatement[]; unreadable: string[] }>();
  const entry = (r: ResourceInstance) => {
    const key = `${r.source.stack}::${r.address}`;
    const e = held.get(key) ?? { statements: [], unreadable: [] };
    held.set(key, e);
    return e;
  };
  const add = (holders: readonly ResourceInstance[], read: Read | undefined) => {
    if (read === undefined) return;
    for (const h of holders) {
      if ("document" in read) entry(h).statements.push(...read.document.statements);
      else entry(h).unreadable.push(read.unreadable);
    }
  };
  for (const r of model.resources) {
    if (r.mode !== "managed") continue;
    const holder = HOLDER_ATTR[r.type];
    if (holder !== undefined) {
      const holders = referenced(model, r, holder.attr, [TYPE_OF[holder.kind]]);
      add(holders, r.type.endsWith("_attachment") ? readArn(model, r) : readPolicy(model, r, "policy"));
    } else if (r.type === "aws_iam_policy_attachment") {
      const holders = (["users", "groups", "roles"] as const).flatMap((a, i) =>
        referenced(model, r, a, [["aws_iam_user", "aws_iam_group", "aws_iam_role"][i] as string]),
      );
      add(holders, readArn(model, r));
    } else if (r.type === "aws_iam_role") {
      for (const inline of asArray(r.values["inline_policy"])) {
        const p = parsePolicy((inline as Record<string, unknown>)["policy"]);
        add([r], isUnknown(p.document) ? { unreadable: `${r.address} inline_policy` } : { document: p.document });
      }
      for (const arn of asArray(r.values["managed_policy_arns"]))
        add([r], typeof arn === "string" ? (grantsNoApiAccess(arn) ? undefined : managedRead(r, arn)) : { unreadable: `${r.address} managed_policy_arns` });
    }
  }
  const members = new Map<string, Set<string>>();
  const join = (group: ResourceInstance, user: ResourceInstance) => {
    const key = `${group.source.stack}::${group.address}`;
    members.set(key, (members.get(key) ?? new Set()).add(nameOf(user)));
  };
  for (const m of managed(model, "aws_iam_user_group_membership"))
    for (const u of referenced(model, m, "user", ["aws_iam_user"])) for (const g of referenced(model, m, "groups", ["aws_iam_group"])) join(g, u);
  for (const m of managed(model, "aws_iam_group_membership"))
    for (const g of referenced(model, m, "group", ["aws_iam_group"])) for (const u of referenced(model, m, "users", ["aws_iam_user"])) join(g, u);

  const out: Identity[] = [];
  for (const kind of ["user", "group", "role"] as const) {
    for (const r of managed(model, TYPE_OF[kind])) {
      const key = `${r.source.stack}::${r.address}`;
      const h = held.get(key);
      out.push({
        kind,
        name: nameOf(r),
        address: r.address,
        stack: r.source.stack,
        members: [...(members.get(key) ?? [])].sort(),
        statements: h?.statements ?? [],
        unreadable: h?.unreadable ?? [],
      });
    }
  }
  return out;
});

function managedRead(r: ResourceInstance, arn: string): Read {
  const doc = managedPolicyDocument(arn);
  return doc !== undefined ? { document: doc } : { unreadable: `${r.address} (managed policy ${arn} not in the table)` };
}

/** How a door names an identity: `IAM user deploy-bot`, `IAM group ops (members: alice, bob)`. */
export function identityText(i: Identity): string {
  if (i.kind !== "group") return `IAM ${i.kind} ${i.name}`;
  return `IAM group ${i.name} (${i.members.length > 0 ? `members: ${i.members.join(", ")}` : "no member in this configuration"})`;
}
