// Configuration of the Lambda@Edge verifier. Lambda@Edge has no environment variables, so it comes in two parts:
// - baked (`edge-config.json` in the bundle, written at synth): what the spec knows, under its one contract in
//   kernel/contracts/edge-config.ts;
// - runtime (that SSM parameter in us-east-1, read once per container): what only Terraform knows — the user
//   pool id and the client ids; parsed here.
import type { EdgeBakedConfig } from "../../kernel/contracts/edge-config";
import { ContractError, record, str } from "../../kernel/contracts/fields";

export interface EdgeRuntimeConfig {
  readonly userPoolId: string;
  /** Client name -> app client id. */
  readonly clientIds: Readonly<Record<string, string>>;
}

/** Parses the SSM parameter and checks every client name the baked config names has an id. */
/** A ContractError (as the baked file's) when the parameter cannot be trusted: the verifier then refuses every request. */
export function parseRuntimeConfig(raw: unknown, baked: EdgeBakedConfig): EdgeRuntimeConfig {
  const where = `SSM ${baked.parameterName}`;
  const doc = record(raw, where);
  const userPoolId = str(doc.userPoolId, `${where}.userPoolId`);
  if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) throw new ContractError(`${where}: malformed userPoolId "${userPoolId}"`);
  const clientIds: Record<string, string> = {};
  for (const [name, id] of Object.entries(record(doc.clientIds, `${where}.clientIds`))) clientIds[name] = str(id, `${where}.clientIds.${name}`);
  const named = [...(baked.clients ?? []), ...baked.routes.flatMap((r) => r.clients ?? [])];
  for (const name of named) {
    if (!(name in clientIds)) throw new ContractError(`${where}: no client id for client "${name}"`);
  }
  if (Object.keys(clientIds).length === 0) throw new ContractError(`${where}: clientIds is empty`);
  return { userPoolId, clientIds };
}
