// A user pool's Lambda triggers are functions of this configuration.
import { foreignTriggers } from "../../access/cognito";
import { poolFinding } from "../private/pool";
import type { Rule } from "../types";

export const CognitoTriggerKnown: Rule = {
  id: "cognito-trigger-known",
  title: "User pool Lambda triggers are functions of this configuration",
  severity: "high",
  rationale:
    "A trigger runs on every sign-in or token: a pre-token-generation trigger can add groups and scopes to every " +
    "token the pool issues, so every route trusting the pool is decided by its code. A trigger named by a literal ARN " +
    "(another account's function) is code nobody reviews here.",
  equivalents: {},
  check: (model) =>
    model.userPools.flatMap((p) =>
      foreignTriggers(model, p.resource).map((t) => poolFinding(p.resource, `trigger ${t} is no Lambda function of this configuration`, `trigger ${t}`)),
    ),
};
