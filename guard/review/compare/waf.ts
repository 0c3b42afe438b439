// The review's WAF comparer: each web ACL's effective chain (waf.ts), base vs head. A weakness the base did not
// have, a default action that stops blocking, a managed group removed or a rate limit raised blocks the merge.
import { change } from "../change";
import type { Change } from "../types";
import { describeChain, detachment, webAclChains, wafWeaknesses, type WebAclChain } from "../../access/waf";
import type { ComparedVersions } from "./comparer";

/** Pair by key, then address, then a single leftover on each side (a renamed ACL). */
function pairChains(before: readonly WebAclChain[], after: readonly WebAclChain[]): [WebAclChain | undefined, WebAclChain][] {
  const left = [...before];
  const take = (pred: (c: WebAclChain) => boolean): WebAclChain | undefined => {
    const i = left.findIndex(pred);
    return i < 0 ? undefined : left.splice(i, 1)[0];
  };
  const out: [WebAclChain | undefined, WebAclChain][] = after.map((a) => [take((b) => b.key === a.key), a]);
  for (const p of out) if (p[0] === undefined) p[0] = take((b) => b.address === p[1].address);
  const unpaired = out.filter((p) => p[0] === undefined);
  if (unpaired.length === 1 && left.length === 1) unpaired[0][0] = left.pop();
  return out;
}

function compareChain(b: WebAclChain | undefined, a: WebAclChain): Change[] {
  const subject = `web ACL ${a.name}${a.fronts.length > 0 ? ` (in front of ${a.fronts.join(", ")})` : ""}`;
  const addresses = [a.address, ...(b !== undefined ? [b.address] : [])];
  const chain = `${b !== undefined ? `chain: ${describeChain(b)} → now ` : "chain: "}${describeChain(a)}`;
  const old = new Set((b === undefined ? [] : wafWeaknesses(b)).map((w) => w.message));
  const out = wafWeaknesses(a)
    .filter((w) => !old.has(w.message))
    .map((w) => change(w.kind, subject, `${w.message} (${chain})`, addresses));
  // A web ACL that newly protects nothing (new, or detached from what it fronted): said, so no comment calls it no change.
  const detached = detachment(a);
  if (detached !== undefined && (b === undefined || detachment(b) === undefined)) out.push(change("waf-acl-unattached", subject, detached.message, addresses));
  if (b === undefined) return out;
  if (b.defaultAction === "block" && a.defaultAction !== "block") {
    out.push(
      change("waf-default-allow", subject, `default action BLOCK → ${a.defaultAction.toUpperCase()}: requests no rule matches now pass (${chain})`, addresses),
    );
  }
  const groups = (c: WebAclChain) => c.rules.filter((r) => r.kind === "managed").map((r) => r.group ?? "?");
  const gone = groups(b).filter((g) => !groups(a).includes(g));
  if (gone.length > 0) out.push(change("waf-managed-group-removed", subject, `managed rule group ${gone.join(", ")} removed (${chain})`, addresses));
  const limits = (c: WebAclChain) => c.rules.filter((r) => r.kind === "rate" && r.limit !== undefined).map((r) => r.limit as number);
  const [bl, al] = [Math.min(...limits(b)), Math.min(...limits(a))];
  if (Number.isFinite(bl) && al > bl)
    out.push(
      change("waf-rate-limit-raised", subject, `rate limit raised: ${bl} → ${Number.isFinite(al) ? al : "none"} requests per window (${chain})`, addresses),
    );
  return out;
}

export function compareWaf(versions: ComparedVersions): Change[] {
  return pairChains(webAclChains(versions.base), webAclChains(versions.head)).flatMap(([b, a]) => compareChain(b, a));
}
