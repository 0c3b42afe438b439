// Lookups over a model's IAM facts, built once per model: roles, customer policies, groups and resources by stack
// and address, roles by name and ARN, the policies each role holds. guard/access/iam.ts asked these questions by
// scanning every role or policy once per attachment, role or trust principal, which was quadratic in module
// instances. Each lookup answers exactly what the scan did, in the model's order. Pure.
import { stackOf, type IamPolicy, type IamRole, type Model, type ResourceInstance, type UserGroup } from "../model";
import { perModel } from "./per-model";

const key = (stack: string, address: string): string => `${stack}\u0000${address}`;

/** Append `value` to the list under `k`. */
function add<K, V>(map: Map<K, V[]>, k: K, value: V): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [value]);
  else list.push(value);
}

/** Items at the given positions of `list`, in list order, each once. */
const inOrder = <T>(list: readonly T[], positions: Iterable<number>): T[] => [...new Set(positions)].sort((a, b) => a - b).map((i) => list[i]);

// `arn:aws:iam::<account>:role/`, the part before a role's path and name.
const ROLE_ARN_PREFIX = /^arn:aws[a-z-]*:iam::[0-9]+:role\//;
// A name the role-ARN pattern does not read literally (its escape leaves these as regex syntax).
const NOT_LITERAL = /[*?{}]/;

/** The roles of one stack, indexed. */
interface StackRoles {
  readonly roles: readonly IamRole[];
  readonly addresses: ReadonlySet<string>;
  readonly byName: ReadonlyMap<string, number[]>;
  readonly byArn: ReadonlyMap<string, number[]>;
  /** Roles whose names the ARN pattern reads as regex syntax: always tested. */
  readonly irregular: readonly number[];
  /** The ARN pattern of each role with a known name, compiled once. */
  readonly arnPattern: ReadonlyMap<number, RegExp>;
}

/** The customer (`managed`) policies of one stack, indexed. */
interface StackPolicies {
  readonly policies: readonly IamPolicy[];
  /** By address and by every prefix of it that ends before a `[` (`aws_iam_policy.p` for `aws_iam_policy.p[0]`). */
  readonly byAddressOrBase: ReadonlyMap<string, number[]>;
  readonly byArn: ReadonlyMap<string, number[]>;
  readonly byName: ReadonlyMap<string, number[]>;
}

export interface IamIndex {
  /** Roles of a stack whose name, ARN or `role/<path><name>` ARN is `text` (rolesNamed's per-role test), in order. */
  readonly rolesMatching: (stack: string, text: string, test: (role: IamRole, pattern: RegExp | undefined) => boolean) => string[];
  /** Is `address` a role of the stack? */
  readonly isRole: (stack: string, address: string) => boolean;
  /** Customer policies of a stack: designated by address (`p` or `p[...]`), by ARN, by name. */
  readonly policiesNamed: (stack: string, names: readonly string[]) => IamPolicy[];
  readonly policiesWithArn: (stack: string, arn: string) => IamPolicy[];
  readonly policiesWithName: (stack: string, name: string) => IamPolicy[];
  /** Policies attached to a role (inline, role policies, attached managed policies), trust policies aside. */
  readonly policiesOfRole: (role: ResourceInstance) => readonly IamPolicy[];
  /** The first role / resource / user group with this address in this stack (Array.find's answer). */
  readonly role: (stack: string, address: string) => IamRole | undefined;
  readonly resource: (stack: string, address: string) => ResourceInstance | undefined;
  readonly userGroup: (stack: string, address: string) => UserGroup | undefined;
}

/** The role-ARN pattern rolesNamed matched a role's name with. */
export const roleArnPattern = (name: string): RegExp => new RegExp(`^arn:aws[a-z-]*:iam::[0-9]+:role/(?:.*/)?${name.replace(/[.+^$|()[\]\\]/g, "\\$&")}$`);

function indexRoles(roles: readonly IamRole[]): StackRoles {
  const byName = new Map<string, number[]>();
  const byArn = new Map<string, number[]>();
  const irregular: number[] = [];
  const arnPattern = new Map<number, RegExp>();
  roles.forEach((r, i) => {
    if (typeof r.name === "string") {
      add(byName, r.name, i);
      if (NOT_LITERAL.test(r.name)) irregular.push(i);
      else arnPattern.set(i, roleArnPattern(r.name));
    }
    const arn = r.resource.values["arn"];
    if (typeof arn === "string") add(byArn, arn, i);
  });
  return { roles, addresses: new Set(roles.map((r) => r.address)), byName, byArn, irregular, arnPattern };
}

function indexPolicies(policies: readonly IamPolicy[]): StackPolicies {
  const byAddressOrBase = new Map<string, number[]>();
  const byArn = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  policies.forEach((p, i) => {
    const names = new Set([p.address]);
    for (let j = p.address.indexOf("["); j >= 0; j = p.address.indexOf("[", j + 1)) names.add(p.address.slice(0, j));
    for (const n of names) add(byAddressOrBase, n, i);
    const arn = p.resource.values["arn"];
    if (typeof arn === "string") add(byArn, arn, i);
    const name = p.resource.values["name"];
    if (typeof name === "string") add(byName, name, i);
  });
  return { policies, byAddressOrBase, byArn, byName };
}

/** Positions of the roles whose names `text` may end with after `role/`: the whole rest, or any part after a `/`. */
function suffixCandidates(s: StackRoles, text: string): number[] {
  const m = ROLE_ARN_PREFIX.exec(text);
  if (m === null) return [];
  const rest = text.slice(m[0].length);
  const out = [...(s.byName.get(rest) ?? [])];
  for (let j = rest.indexOf("/"); j >= 0; j = rest.indexOf("/", j + 1)) out.push(...(s.byName.get(rest.slice(j + 1)) ?? []));
  return out;
}

function build(model: Model): IamIndex {
  const rolesOf = new Map<string, IamRole[]>();
  for (const r of model.iamRoles) add(rolesOf, stackOf(r), r);
  const roles = new Map([...rolesOf].map(([stack, list]) => [stack, indexRoles(list)]));
  const managedOf = new Map<string, IamPolicy[]>();
  for (const p of model.iamPolicies) if (p.kind === "managed") add(managedOf, p.resource.source.stack, p);
  const policies = new Map([...managedOf].map(([stack, list]) => [stack, indexPolicies(list)]));
  const held = new Map<string, IamPolicy[]>();
  for (const p of model.iamPolicies) {
    if (p.kind === "role-trust") continue;
    for (const a of new Set(p.roleAddresses)) add(held, key(p.resource.source.stack, a), p);
  }
  const first = <T>(items: readonly T[], stack: (t: T) => string, address: (t: T) => string): Map<string, T> => {
    const out = new Map<string, T>();
    for (const t of items) {
      const k = key(stack(t), address(t));
      if (!out.has(k)) out.set(k, t);
    }
    return out;
  };
  const roleAt = first(model.iamRoles, stackOf, (r) => r.address);
  const resourceAt = first(
    model.resources,
    (r) => r.source.stack,
    (r) => r.address,
  );
  const groupAt = first(model.userGroups, stackOf, (g) => g.address);
  const none: readonly IamPolicy[] = [];
  const lookup = (stack: string, pick: (s: StackPolicies) => readonly number[]): IamPolicy[] => {
    const s = policies.get(stack);
    return s === undefined ? [] : inOrder(s.policies, pick(s));
  };
  return {
    rolesMatching: (stack, text, test) => {
      const s = roles.get(stack);
      if (s === undefined) return [];
      const cands = [...(s.byName.get(text) ?? []), ...(s.byArn.get(text) ?? []), ...s.irregular, ...suffixCandidates(s, text)];
      return [...new Set(cands)]
        .sort((a, b) => a - b)
        .filter((i) => test(s.roles[i], s.arnPattern.get(i)))
        .map((i) => s.roles[i].address);
    },
    isRole: (stack, address) => roles.get(stack)?.addresses.has(address) ?? false,
    policiesNamed: (stack, names) => lookup(stack, (s) => names.flatMap((n) => s.byAddressOrBase.get(n) ?? [])),
    policiesWithArn: (stack, arn) => lookup(stack, (s) => s.byArn.get(arn) ?? []),
    policiesWithName: (stack, name) => lookup(stack, (s) => s.byName.get(name) ?? []),
    policiesOfRole: (role) => held.get(key(role.source.stack, role.address)) ?? none,
    role: (stack, address) => roleAt.get(key(stack, address)),
    resource: (stack, address) => resourceAt.get(key(stack, address)),
    userGroup: (stack, address) => groupAt.get(key(stack, address)),
  };
}

/** The index of a model, built on first use. */
export const iamIndex: (model: Model) => IamIndex = perModel(build);
