// The review's comparer of backend handlers that decide access themselves (guard/access/handler-deciders.ts). The
// BASE says which functions are deciders (its `access-decider` tag, and the policy's `deciders` patterns the gate takes
// from the base branch), so a head that drops the declaration does not stop being judged, and dropping it blocks by
// itself. Any change to the code such a function runs for its routes blocks: its package (digest, source_code_hash,
// handler, layers, S3 object or image), its environment, the version or alias a route invokes, or a route now
// reaching other code.
import { codeDifference, codeIdentity, mapDifference } from "../../access/authorizer-code";
import { doorsOf } from "../../access/doors";
import { deciderTag, functionByTarget, handlerDeciders, invokedCode, packageLocation, type HandlerDecider } from "../../access/handler-deciders";
import { change } from "../change";
import type { HANDLER_DECIDER_KINDS } from "./handler-deciders-kinds";
import type { Change } from "../types";
import type { ComparedVersions } from "./comparer";

type HandlerDeciderKind = keyof typeof HANDLER_DECIDER_KINDS;

const declaredText = (d: HandlerDecider): string =>
  d.declared !== undefined ? `"${d.declared}"` : `the policy's deciders entry ${JSON.stringify(d.policyPattern ?? "")}`;

interface Reached {
  readonly key: string;
  readonly label: string;
}

function compareOne(versions: ComparedVersions, d: HandlerDecider, headRouteTargets: ReadonlyMap<string, Reached>): Change[] {
  const { base, head } = versions;
  const routes = d.routes.map((r) => r.label.replace(/^route /, "")).join(", ") || "no route today";
  const subject = `function ${d.target.label}`;
  const lead = `${subject} decides access itself (${declaredText(d)}) for ${routes}`;
  const out: Change[] = [];
  const after = functionByTarget(head, d.target.key);
  const addresses = [d.fn.address, ...(after !== undefined ? [after.address] : []), ...d.routes.flatMap((r) => r.addresses)];
  const block = (kind: HandlerDeciderKind, message: string): void => void out.push(change(kind, subject, message, addresses));
  if (after !== undefined) {
    const tag = deciderTag(after);
    if (d.declared !== undefined && (tag === undefined || tag === "unknown"))
      block(
        "decider-declaration-removed",
        `${lead}: the head ${tag === "unknown" ? "makes its access-decider tag known only after apply" : "removes its access-decider tag"}; the review keeps judging it as a decider from the base`,
      );
    const why: string[] = [];
    const [idBefore, idAfter] = [codeIdentity(base, d.fn), codeIdentity(head, after)];
    const code = codeDifference(idBefore, idAfter);
    if (code !== undefined) why.push(code);
    // What the runtime loads is code too (NODE_OPTIONS, a handler's own switches).
    const env = mapDifference(idBefore.environment, idAfter.environment);
    if (env.length > 0) why.push(`its environment: ${env.join("; ")}`);
    const [was, now] = [packageLocation(d.fn), packageLocation(after)];
    if (was !== now) why.push(`package location ${was || "a local file"} → ${now || "a local file"}`);
    for (const r of d.routes) {
      const headDoor = doorsOf(head)
        .find((t) => t.target.key === d.target.key)
        ?.doors.find((x) => x.id === r.id);
      if (headDoor === undefined) continue;
      const [b, a] = [invokedCode(base, d.target, r), invokedCode(head, d.target, headDoor)];
      if (b !== a) why.push(`${r.label.replace(/^route /, "")} invokes ${a} (was ${b})`);
    }
    if (why.length > 0) block("decider-code-changed", `${lead}: its code changed: ${why.join("; ")}`);
  }
  // A route the decider served now reaching other code (a renamed function, another integration) runs code nobody
  // declared as deciding it.
  const moved = d.routes.flatMap((r) => {
    const now = headRouteTargets.get(r.id);
    return now !== undefined && now.key !== d.target.key ? [`${r.label.replace(/^route /, "")} now reaches ${now.label}`] : [];
  });
  if (moved.length > 0) block("decider-code-changed", `${lead}: ${moved.join("; ")}, not the function that decided it`);
  return out;
}

export function compareHandlerDeciders(versions: ComparedVersions): Change[] {
  const deciders = handlerDeciders(versions.base, versions.deciderPatterns ?? []);
  if (deciders.length === 0) return [];
  const headRouteTargets = new Map(
    doorsOf(versions.head).flatMap((t) => t.doors.filter((x) => x.kind === "route").map((x) => [x.id, { key: t.target.key, label: t.target.label }] as const)),
  );
  return deciders.flatMap((d) => compareOne(versions, d, headRouteTargets));
}
