// Finding builder for stage rules.
import type { Stage } from "../../model";
import type { RuleFinding } from "../types";
import { known, show } from "../../access/lookups";

/** A REST stage or an HTTP/WebSocket API stage (HttpStage): the same finding shape. */
export function stageFinding(s: Pick<Stage, "address" | "api" | "name" | "resource">, message: string, detail?: string): RuleFinding {
  return {
    address: s.address,
    ...(detail !== undefined ? { detail } : {}),
    ...(s.api !== undefined && known(s.api.name) ? { api: s.api.name } : {}),
    message: `stage ${show(s.name)}: ${message}`,
    file: s.resource.source.file,
  };
}
