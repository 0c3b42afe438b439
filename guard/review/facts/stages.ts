// Stage facts: WAF, origin protection and logging of every stage, keyed by API and stage name. Pure: a Model in, plain data out.
import { type Model, stackOf } from "../../model";
import { stageOriginGap } from "../../access/origin";
import { executionLoggingLevel, hasAccessLogging } from "../../access/stages";
import { apiLabeller, unknownName, valueText } from "./labels";

// ---- Origin protection: one definition with the policy rules (guard/access/origin.ts) ----
// A stage is origin-protected when its regional web ACL blocks by default and allows only CloudFront's exact
// X-Origin-Verify header; a route is EDGE only when, in addition, the edge verifier fronts the API.

export interface StageFacts {
  readonly key: string;
  readonly label: string;
  readonly stack: string;
  readonly address: string;
  readonly wafAssociations: readonly string[];
  readonly originProtected: boolean;
  readonly accessLogging: boolean;
  /** Execution logging level of the `*\/*` method settings: OFF when unset. */
  readonly executionLogging: string;
}

export function stageFacts(model: Model, label: ReturnType<typeof apiLabeller>): StageFacts[] {
  return model.stages.map((s) => {
    const stack = stackOf(s);
    const api = label(stack, s.apiAddress, s.api?.name ?? unknownName);
    const level = executionLoggingLevel(s);
    return {
      key: `${api}/${valueText(s.name)}`,
      label: `${api}/${valueText(s.name)}`,
      stack,
      address: s.address,
      wafAssociations: s.wafAssociations,
      originProtected: stageOriginGap(model, s) === undefined,
      accessLogging: hasAccessLogging(s),
      executionLogging: level === undefined ? "OFF" : valueText(level),
    };
  });
}
