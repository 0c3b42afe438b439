// Who can obtain credentials carrying execute-api:Invoke on an AWS_IAM route: the roles whose policies cover the
// method (inline, role policies, attached customer policies, `managed_policy_arns`, policy attachments, AWS
// managed policies from managed-policies.ts) and, through their trust policies, every principal that can assume
// them, followed through roles that may assume roles, less the routes an unconditional explicit Deny of the role
// refuses. Pure: a Model in, plain data out. The review's IAM comparer and invoker facts and the check's IAM rules
// read these facts; nothing else judges IAM reachability.
import {
  isUnknown,
  stackOf,
  type IamPolicy,
  type IamRole,
  type Model,
  type PolicyDocument,
  type PolicyStatement,
  type ResourceInstance,
  type Route,
  type Val,
} from "../model";
import { asArray } from "../load/json";
import { isUnset } from "../load/values";
import { breadth, certainApiRest, coversRoute, coversRouteOnStage, deniesInvoke, grantsInvoke, mayGrantInvoke, statementCoversRoute } from "./iam-statements";
import { grantsNoApiAccess, managedPolicyDocument } from "./managed-policies";
import { matchesAction } from "../../kernel/match/glob";
import { show } from "./lookups";
import { iamIndex, roleArnPattern } from "./iam-index";
import { perModel } from "./per-model";

/** One principal at the end of a trust chain: `account 999999999999`, `role a ← service lambda.amazonaws.com`. */
interface Assumer {
  readonly text: string;
  /** `anyone`: `*`; `outside`: an account or principal this configuration does not define. */
  readonly reach: "anyone" | "outside" | "inside";
}

/** A policy a role holds, as the model sees it. */
interface HeldPolicy {
  readonly label: string;
  readonly address: string;
  /** Undefined: the document cannot be read (known after apply, or a managed ARN not in the table). */
  readonly document?: PolicyDocument;
  /** Unreadable but certainly not about execute-api (a template that never mentions it). */
  readonly harmless?: boolean;
}

export interface RoleAccess {
  /** `stack/name` (name alone for a single file): pairs a role across versions. */
  readonly key: string;
  readonly name: string;
  readonly address: string;
  readonly stack: string;
  /** Names of the Cognito groups that hand this role to their members. */
  readonly groups: readonly string[];
  /** Who can obtain its credentials, flattened chains. */
  readonly assumers: readonly Assumer[];
  /** Managed policy ARNs attached that the table does not know: not verified. */
  readonly unverifiedManaged: readonly string[];
  /** Permissions that hand out more than API access: `iam:PassRole`, `*`, every API, the API control plane. */
  readonly privileges: readonly string[];
  readonly held: readonly HeldPolicy[];
  /**
   * execute-api resources an unconditional explicit Deny in its readable policies refuses it (invokeDeniesIn); a
   * Deny that may not apply (condition, NotResource, a policy known only after apply) is not here: fail closed.
   */
  readonly denies: readonly string[];
  readonly resource: ResourceInstance;
}

export interface RouteInvokers {
  readonly route: Route;
  /**
   * Roles whose policies cover the method, with the policies that do (`via`, labels). `unreadable`: the addresses of
   * those policies that are counted without being read (known only after apply, a managed policy not in the table).
   */
  readonly roles: readonly { readonly role: RoleAccess; readonly via: readonly string[]; readonly unreadable: readonly string[] }[];
}

export interface IamAccess {
  readonly roles: readonly RoleAccess[];
  /** AWS_IAM routes whose method and path are known. */
  readonly routes: readonly RouteInvokers[];
}

const ROLE_REF = /((?:module\.[^.]+\.)*aws_iam_role\.[^.}\s]+)\./g;
// A customer policy as written in a reference or an expression: `module.m["k"].aws_iam_policy.p[0]`, attribute or not.
const POLICY_REF = /((?:module\.[^.\s]+\.)*aws_iam_policy\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)/g;
const POLICY_REF_ONE = /^(?:module\.[^.\s]+\.)*aws_iam_policy\.[A-Za-z0-9_-]+/;
const RESOURCE_REF = /(?:module\.[^.\s]+\.)*(?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+/g;
const RESOURCE_REF_ONE = /^(?:module\.[^.\s]+\.)*(?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+/;

const textOf = (v: unknown): string | undefined => (typeof v === "string" ? v : isUnknown(v) ? v.expression : undefined);

/** Roles a value names: `${aws_iam_role.x.name}` references, or a literal name / ARN of a role in the stack. */
function rolesNamed(model: Model, stack: string, v: unknown): string[] {
  const text = textOf(v);
  if (text === undefined) return [];
  // Indexed (guard/access/iam-index.ts): only the roles the text can name are tested, in the model's order.
  const ix = iamIndex(model);
  const out = [...text.matchAll(ROLE_REF)].map((m) => m[1]).filter((a) => ix.isRole(stack, a));
  const names = (r: IamRole, pattern: RegExp | undefined): boolean => {
    const arn = r.resource.values["arn"];
    if (r.name === text || (typeof arn === "string" && arn === text)) return true;
    return typeof r.name === "string" && (pattern ?? roleArnPattern(r.name)).test(text);
  };
  out.push(...ix.rolesMatching(stack, text, names));
  return [...new Set(out)];
}

/** A managed policy ARN attached to a role: its text, the attachment holding it, and the references it was written with. */
interface AttachedArn {
  readonly arn: string;
  readonly via: string;
  readonly refs: readonly string[];
  /** What it designates, read on first use (heldPolicies). */
  holding?: Holding;
}

/** Managed policies attached to each role by ARN (managed_policy_arns, aws_iam_role_policy_attachment, aws_iam_policy_attachment). */
function managedArnsByRole(model: Model): Map<string, AttachedArn[]> {
  const out = new Map<string, AttachedArn[]>();
  const listOf = (stack: string, role: string): AttachedArn[] => {
    const k = `${stack}::${role}`;
    let list = out.get(k);
    if (list === undefined) {
      list = [];
      out.set(k, list);
    }
    return list;
  };
  const add = (stack: string, role: string, arn: string, via: string, refs: readonly string[]) => listOf(stack, role).push({ arn, via, refs });
  // The roles a text names, and their lists, looked up once per stack and text: every module instance's attachment
  // writes the same role name.
  const named = new Map<string, AttachedArn[][]>();
  const listsNamed = (stack: string, v: unknown): readonly AttachedArn[][] => {
    const text = textOf(v);
    if (text === undefined) return [];
    const k = `${stack}\u0000${text}`;
    let lists = named.get(k);
    if (lists === undefined) {
      lists = rolesNamed(model, stack, text).map((role) => listOf(stack, role));
      named.set(k, lists);
    }
    return lists;
  };
  for (const r of model.iamRoles) {
    const list = r.resource.values["managed_policy_arns"];
    const refs = r.resource.references["managed_policy_arns"] ?? [];
    // A plan marks the whole set unknown when one element is: the references still say which policies it holds.
    if (isUnknown(list) && !isUnset(list)) add(stackOf(r), r.address, list.expression ?? "(managed_policy_arns known only after apply)", r.address, refs);
    for (const a of asArray(list)) {
      const t = textOf(a);
      if (t !== undefined) add(stackOf(r), r.address, t, r.address, []);
    }
  }
  for (const res of model.resources) {
    if (res.mode !== "managed") continue;
    const arn = textOf(res.values["policy_arn"]);
    if (arn === undefined) continue;
    const stack = res.source.stack;
    const refs = isUnknown(res.values["policy_arn"]) ? (res.references["policy_arn"] ?? []) : [];
    // One record per attachment, shared by every role it names: what it designates is then read once (holdingOf).
    const attached: AttachedArn = { arn, via: res.address, refs };
    if (res.type === "aws_iam_role_policy_attachment") for (const list of listsNamed(stack, res.values["role"])) list.push(attached);
    if (res.type === "aws_iam_policy_attachment") {
      for (const v of asArray(res.values["roles"])) for (const list of listsNamed(stack, v)) list.push(attached);
    }
  }
  return out;
}

/**
 * The customer policies of this configuration an attached ARN designates, or undefined when it designates anything
 * else too. By reference (any attribute; an unindexed reference to a counted or for_each policy designates every
 * instance), by the policy's known ARN, or by `arn:aws:iam::<account>:policy/<path><name>` with a policy's name.
 */
function localPolicies(model: Model, stack: string, a: AttachedArn): IamPolicy[] | undefined {
  // Indexed (guard/access/iam-index.ts): the stack's customer policies by address, ARN and name.
  const ix = iamIndex(model);
  const text = a.arn;
  const named = [...text.matchAll(POLICY_REF), ...a.refs.flatMap((r) => [...r.matchAll(POLICY_REF)])].map((m) => m[1]);
  if (named.length > 0) {
    const found = ix.policiesNamed(stack, named);
    // Only when every resource it is written with is a policy here: `one of aws_iam_policy.a, data.x.y` is not decided.
    const others = [...a.refs, ...[...text.matchAll(RESOURCE_REF)].map((x) => x[0])].filter((r) => RESOURCE_REF_ONE.test(r) && !POLICY_REF_ONE.test(r));
    return found.length > 0 && others.length === 0 ? found : undefined;
  }
  const byArn = ix.policiesWithArn(stack, text);
  if (byArn.length > 0) return byArn;
  const m = /^arn:aws[a-z-]*:iam::([0-9]{12}):policy\/(?:.*\/)?([^/]+)$/.exec(text);
  if (m === null) return undefined;
  const byName = ix.policiesWithName(stack, m[2]);
  return byName.length === 1 ? byName : undefined;
}

const heldOf = (p: IamPolicy, label: string): HeldPolicy => ({
  label,
  address: p.address,
  ...(isUnknown(p.document) ? (mayGrantInvoke(p) ? {} : { harmless: true }) : { document: p.document }),
});

/** A held policy with what it hands out and what it refuses, read once and shared by every role holding it. */
interface Entry {
  readonly held: HeldPolicy;
  /** Its address, numbered (Addresses). */
  readonly id: number;
  readonly privileges: readonly string[];
  readonly denies: readonly string[];
}

/** What an attached ARN designates: customer policies of this configuration, or a managed policy (read from the table). */
type Holding = { readonly local: readonly Entry[] } | { readonly managed: Entry; readonly unverified: boolean };

/**
 * Addresses numbered, with the last role (by turn) that held each: the "already held" test of one role without a
 * Set per role. A role name shared by many module instances hands each of them every instance's attachments.
 */
class Addresses {
  private readonly ids = new Map<string, number>();
  private readonly heldIn: number[] = [];
  private turn = 0;

  id(address: string): number {
    let id = this.ids.get(address);
    if (id === undefined) {
      id = this.heldIn.length;
      this.ids.set(address, id);
      this.heldIn.push(0);
    }
    return id;
  }

  /** The next role. */
  next(): void {
    this.turn++;
  }

  mark(id: number): void {
    this.heldIn[id] = this.turn;
  }

  has(id: number): boolean {
    return this.heldIn[id] === this.turn;
  }
}

/** What one computation of the IAM facts reads once: address numbers and the `policy <address>` entry of each policy. */
interface HeldContext {
  readonly model: Model;
  readonly addresses: Addresses;
  readonly policyEntries: Map<IamPolicy, Entry>;
}

/** What a held policy hands out beyond calling the API (privilegesOf's words). */
function privilegesOfHeld(h: HeldPolicy): string[] {
  if (h.document === undefined) return h.harmless !== true ? [`whatever ${h.label} grants (not verified)`] : [];
  return h.document.statements.flatMap((s) => statementPrivileges(s).map((p) => `${p} via ${h.label}`));
}

const entryOf = (held: HeldPolicy, addresses: Addresses): Entry => ({
  held,
  id: addresses.id(held.address),
  privileges: privilegesOfHeld(held),
  denies: held.document === undefined ? [] : invokeDeniesIn(held.document),
});

function policyEntry(ctx: HeldContext, p: IamPolicy): Entry {
  let e = ctx.policyEntries.get(p);
  if (e === undefined) {
    e = entryOf(heldOf(p, `policy ${p.address}`), ctx.addresses);
    ctx.policyEntries.set(p, e);
  }
  return e;
}

function holdingOf(ctx: HeldContext, stack: string, a: AttachedArn): Holding {
  const local = localPolicies(ctx.model, stack, a);
  if (local !== undefined) return { local: local.map((p) => policyEntry(ctx, p)) };
  const { arn, via } = a;
  const document = managedPolicyDocument(arn);
  const harmless = document === undefined && grantsNoApiAccess(arn);
  const held: HeldPolicy = {
    label: `managed policy ${arn.replace(/^arn:aws[a-z-]*:iam::aws:policy\//, "")}${document === undefined && !harmless ? " (not verified)" : ""}`,
    address: via,
    ...(document !== undefined ? { document } : harmless ? { harmless: true } : {}),
  };
  return { managed: entryOf(held, ctx.addresses), unverified: document === undefined && !harmless };
}

interface Held {
  readonly held: HeldPolicy[];
  readonly unverified: string[];
  /** Permissions that hand out more than API access, sorted, each once. */
  readonly privileges: string[];
  /** Unconditional explicit Denies of execute-api:Invoke, in held order, each once. */
  readonly denies: string[];
}

/** Every policy a role holds, readable or not, with what they hand out and refuse. */
function heldPolicies(ctx: HeldContext, role: ResourceInstance, managed: readonly AttachedArn[]): Held {
  const { addresses } = ctx;
  addresses.next();
  const held: HeldPolicy[] = [];
  const privileges: string[] = [];
  const denies: string[] = [];
  const hold = (e: Entry) => {
    held.push(e.held);
    addresses.mark(e.id);
    if (e.privileges.length > 0) privileges.push(...e.privileges);
    if (e.denies.length > 0) denies.push(...e.denies);
  };
  for (const p of iamIndex(ctx.model).policiesOfRole(role)) {
    const name = p.resource.values["name"];
    hold(entryOf(heldOf(p, `policy ${name !== undefined && typeof name === "string" ? name : p.address}`), addresses));
  }
  const unverified: string[] = [];
  for (const a of managed) {
    // An attachment is read once, in its stack (every role it names is there), however many roles it names.
    const h = (a.holding ??= holdingOf(ctx, role.source.stack, a));
    // A customer policy of this configuration: already held when attached through a role policy attachment.
    if ("local" in h) {
      for (const e of h.local) if (!addresses.has(e.id)) hold(e);
      continue;
    }
    if (h.unverified) unverified.push(a.arn);
    hold(h.managed);
  }
  return { held, unverified, privileges: [...new Set(privileges)].sort(), denies: [...new Set(denies)] };
}

const actionsOf = (s: PolicyStatement): string[] => s.actions.map((a) => (typeof a === "string" ? a : (a.expression ?? "(known after apply)")));

/** Identity-pool actions that change which roles a pool hands to whom. */
const IDENTITY_CONTROL = ["cognito-identity:SetIdentityPoolRoles", "cognito-identity:UpdateIdentityPool", "cognito-identity:DeleteIdentityPool"];
/** User-pool actions that make users, group members or change who may sign up. */
const USER_POOL_CONTROL = ["cognito-idp:AdminCreateUser", "cognito-idp:AdminAddUserToGroup", "cognito-idp:UpdateUserPool"];

/** What a statement hands out beyond calling the API. */
function statementPrivileges(s: PolicyStatement): string[] {
  if (s.effect !== "Allow") return [];
  const out: string[] = [];
  if (s.notActions.length > 0) out.push(`every action except ${actionsOf({ ...s, actions: s.notActions }).join(", ")}`);
  for (const a of actionsOf(s)) {
    if (a === "*" || a === "*:*") out.push("every action (*)");
    else if (matchesAction(a, "iam:PassRole")) out.push(`iam:PassRole (${a})`);
    else if (matchesAction(a, "apigateway:PATCH")) out.push(`the API Gateway control plane (${a}): can rewrite any method's authorization`);
    else if (IDENTITY_CONTROL.some((c) => matchesAction(a, c)))
      out.push(`the Cognito identity pools' control plane (${a}): can change or delete identity pools and the roles they hand out`);
    else if (USER_POOL_CONTROL.some((c) => matchesAction(a, c)))
      out.push(`the Cognito user pools' control plane (${a}): can create users, put them in groups or change the pools`);
  }
  if (grantsInvoke(s) && (s.notResources.length > 0 || s.resources.some((r) => breadth(r) === "any-api"))) out.push("execute-api:Invoke on every API");
  return out;
}

/** One trust principal, described; roles of this configuration are followed further. */
function principalTexts(type: string, id: Val<string>): Assumer | { readonly role: string } {
  if (type === "*" || id === "*") return { text: "anyone (*)", reach: "anyone" };
  const v = typeof id === "string" ? id : (id.expression ?? "(known after apply)");
  const role = /^\$\{((?:module\.[^.]+\.)*aws_iam_role\.[^.}]+)\.(?:arn|unique_id)\}$/.exec(v);
  if (type === "AWS" && role !== null) return { role: role[1] };
  if (type === "AWS") {
    const account = /^(?:arn:aws[a-z-]*:iam::)?([0-9]{12})(?::root)?$/.exec(v);
    if (account !== null) return { text: `account ${account[1]}`, reach: "outside" };
    const arn = /^arn:aws[a-z-]*:(?:iam|sts)::([0-9]{12}|\*):(.+)$/.exec(v);
    if (arn !== null) return { text: `${arn[2]} in account ${arn[1]}`, reach: arn[1] === "*" || arn[2].includes("*") ? "anyone" : "outside" };
    return { text: `principal ${v}`, reach: v.includes("*") ? "anyone" : "outside" };
  }
  if (type === "Service") return { text: `service ${v}`, reach: "inside" };
  // Identity-pool trust is closed by its aud/amr conditions, which cognito-group-role-trust judges.
  if (type === "Federated") return { text: `federated ${v}`, reach: v === "cognito-identity.amazonaws.com" ? "inside" : "outside" };
  return { text: `${type} ${v}`, reach: "outside" };
}

/** The aws_iam_role of `holder`'s stack whose known ARN is `arn`, when exactly one is. */
function roleByArn(model: Model, holder: ResourceInstance, arn: string): ResourceInstance | undefined {
  const hits = model.resources.filter(
    (r) =>
      r.type === "aws_iam_role" &&
      r.mode === "managed" &&
      r.values["arn"] === arn &&
      r.source.stack === holder.source.stack &&
      r.source.file === holder.source.file,
  );
  return hits.length === 1 ? hits[0] : undefined;
}

const ASSUME = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:TagSession"];

/** Flattened chains of who can assume `role` (cycle-safe). */
function assumersOf(model: Model, role: ResourceInstance, names: Map<string, string>, seen: readonly string[] = []): Assumer[] {
  const ix = iamIndex(model);
  const r = ix.role(role.source.stack, role.address);
  if (r === undefined) return [{ text: "(role not in the configuration)", reach: "outside" }];
  if (isUnknown(r.trustPolicy)) return [{ text: "(trust policy not verified: known only after apply)", reach: "outside" }];
  const out: Assumer[] = [];
  for (const s of r.trustPolicy.statements) {
    if (s.effect !== "Allow") continue;
    const acts = actionsOf(s);
    if (s.notActions.length === 0 && !acts.some((a) => ASSUME.some((x) => matchesAction(a, x)))) continue;
    for (const p of s.principals) {
      for (const id of p.ids) {
        // A literal ARN (a state, an applied plan) of a role in the same stack is that role, as a reference is.
        const literal = p.type === "AWS" && typeof id === "string" ? roleByArn(model, role, id) : undefined;
        const d = literal !== undefined ? { role: literal.address } : principalTexts(p.type, id);
        if (!("role" in d)) {
          out.push(d);
          continue;
        }
        const literalName = literal?.values["name"];
        const name = typeof literalName === "string" ? literalName : (names.get(`${role.source.stack}::${d.role}`) ?? d.role);
        const inner = ix.resource(role.source.stack, d.role);
        if (inner === undefined || seen.includes(d.role)) {
          out.push({ text: `role ${name}`, reach: "inside" });
          continue;
        }
        for (const a of assumersOf(model, inner, names, [...seen, role.address])) out.push({ text: `role ${name} ← ${a.text}`, reach: a.reach });
      }
    }
  }
  const groups = groupNamesOf(model, r.cognitoGroups, role.source.stack);
  for (const g of groups) out.push({ text: `members of Cognito group ${g}`, reach: "inside" });
  const unique = new Map(out.map((a) => [a.text, a]));
  return [...unique.values()].sort((a, b) => a.text.localeCompare(b.text));
}

/** The resources a document's unconditional explicit Denies of execute-api:Invoke refuse. */
export const invokeDeniesIn = (doc: PolicyDocument): string[] =>
  doc.statements.filter(deniesInvoke).flatMap((s) => s.resources.filter((r): r is string => typeof r === "string"));

/**
 * Does an explicit Deny of the role refuse every request of the route its grants reach? Explicit Deny wins over any
 * Allow, so the route is refused when, on every stage a grant names for it, a Deny certainly covers the route there.
 */
export function deniedRoute(role: RoleAccess, route: Route): boolean {
  const api = route.api;
  if (api === undefined || typeof route.httpMethod !== "string" || typeof route.path !== "string" || role.denies.length === 0) return false;
  const { httpMethod, path } = route;
  const stages = grantStages(role.held, api.resource, httpMethod, path);
  return stages.every((stage) => role.denies.some((d) => coversRouteOnStage(d, api.resource, stage, httpMethod, path)));
}

/**
 * The stages (the ARN's stage part verbatim, `${...}` included; `*` for any) on which the role's Allows may reach the
 * route. A grant that is not certainly an ARN of this API (unreadable, NotResource, `*`, another form) may reach it on
 * any stage: `*`.
 */
function grantStages(held: readonly HeldPolicy[], api: ResourceInstance, verb: string, path: string): string[] {
  const stages = new Set<string>();
  for (const h of held) {
    if (h.document === undefined) {
      if (h.harmless !== true) stages.add("*");
      continue;
    }
    for (const s of h.document.statements.filter(grantsInvoke)) {
      if (s.notResources.length > 0) stages.add("*");
      for (const r of s.resources) {
        if (isUnknown(r) || breadth(r) === "any-api") stages.add("*");
        else if (coversRoute(r, api, verb, path)) {
          const rest = certainApiRest(r, api);
          stages.add(rest === undefined ? "*" : (rest.split("/")[0] ?? "*"));
        }
      }
    }
  }
  return [...stages];
}

/** Does a readable policy let its holder invoke `VERB /path` of the route's API? */
function covers(doc: PolicyDocument, route: Route): boolean {
  const api = route.api;
  if (api === undefined || typeof route.httpMethod !== "string" || typeof route.path !== "string") return false;
  const verb = route.httpMethod;
  const path = route.path;
  return doc.statements.some((s) => grantsInvoke(s) && statementCoversRoute(s, api.resource, verb, path));
}

// Computed once per model: the review's comparers and several check rules ask for the same facts.
export const iamAccess: (model: Model) => IamAccess = perModel(computeIamAccess);

/**
 * Names of the Cognito groups (by address) of one stack. A name known only after apply is kept, as
 * `(known after apply: expr)`: dropping it would hide the group's members from every comparison with a policy.
 */
function groupNamesOf(model: Model, addresses: readonly string[], stack: string): string[] {
  return addresses
    .map((g) => iamIndex(model).userGroup(stack, g))
    .filter((u): u is NonNullable<typeof u> => u !== undefined)
    .map((u) => (typeof u.name === "string" ? u.name : show(u.name)));
}

function computeIamAccess(model: Model): IamAccess {
  const names = new Map(model.iamRoles.map((r) => [`${stackOf(r)}::${r.address}`, typeof r.name === "string" ? r.name : r.address]));
  const managed = managedArnsByRole(model);
  const ctx: HeldContext = { model, addresses: new Addresses(), policyEntries: new Map() };
  const roles: RoleAccess[] = model.iamRoles.map((r) => {
    const stack = stackOf(r);
    const name = names.get(`${stack}::${r.address}`) ?? r.address;
    const { held, unverified, privileges, denies } = heldPolicies(ctx, r.resource, managed.get(`${stack}::${r.address}`) ?? []);
    const groups = groupNamesOf(model, r.cognitoGroups, stack);
    return {
      key: stack === "" ? name : `${stack}/${name}`,
      name,
      address: r.address,
      stack,
      groups,
      assumers: assumersOf(model, r.resource, names),
      unverifiedManaged: unverified,
      privileges,
      held,
      denies,
      resource: r.resource,
    };
  });
  const routes: RouteInvokers[] = model.routes
    .filter((route) => route.authorization === "AWS_IAM")
    .map((route) => {
      // A WebSocket route runs on its connection: who may open that ($connect's ARN) is who may call it.
      const signed = route.connection ?? route;
      return {
        route,
        roles: roles
          .filter((role) => role.stack === stackOf(route))
          .map((role) => {
            const via = role.held.filter((h) => (h.document === undefined ? h.harmless !== true : covers(h.document, signed)));
            return { role, via: via.map((h) => h.label), unreadable: via.filter((h) => h.document === undefined).map((h) => h.address) };
          })
          .filter((x) => x.via.length > 0 && !deniedRoute(x.role, signed)),
      };
    });
  return { roles, routes };
}

/** Reviewer words: "IAM principals that can assume role X (trusted by: account 999999999999)". */
export function describeInvoker(role: RoleAccess): string {
  const by = role.assumers.length === 0 ? "nobody" : role.assumers.map((a) => a.text).join("; ");
  return `IAM principals that can assume role ${role.name} (trusted by: ${by})`;
}
