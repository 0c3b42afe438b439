// Finding builder and block access for Cognito rules.
import type { ResourceInstance } from "../../model";
import type { RuleFinding } from "../types";
import { known, show } from "../../access/lookups";

export function poolFinding(r: ResourceInstance, message: string, detail?: string): RuleFinding {
  const name = r.values["name"];
  return {
    address: r.address,
    ...(detail !== undefined ? { detail } : {}),
    message: `${r.type === "aws_cognito_user_pool" ? "user pool" : "app client"} ${known(name) ? JSON.stringify(name) : show(name)}: ${message}`,
    file: r.source.file,
  };
}
