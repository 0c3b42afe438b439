// Reads from one Model the facts the authorization review compares: each route's effective authorization,
// and the controls around it (stage WAF / origin protection / logging, execute-api:Invoke grants, group-role
// trust, user pools, app clients). One module per concern in facts/; this one assembles them. Pure.
import type { Model } from "../model";
import type { RouteTables } from "./route-tables";
import type { RouteAuth } from "./types";
import { apiLabeller } from "./facts/labels";
import { type StageFacts, stageFacts } from "./facts/stages";
import { type Grant, grantFacts } from "./facts/grants";
import { routeFacts } from "./facts/routes";
import { type ClientFacts, type PoolFacts, type TrustFacts, clientFacts, poolFacts, trustFacts } from "./facts/identity";

export type { StageFacts } from "./facts/stages";
export type { Grant } from "./facts/grants";
export type { TrustFacts, PoolFacts, ClientFacts } from "./facts/identity";

export interface ModelFacts {
  readonly routes: readonly RouteAuth[];
  readonly stages: readonly StageFacts[];
  readonly grants: readonly Grant[];
  readonly trusts: readonly TrustFacts[];
  readonly pools: readonly PoolFacts[];
  readonly clients: readonly ClientFacts[];
}

/** @param tables the Lambda authorizers' route tables (see loadRouteTables); @default - none readable */
export function modelFacts(model: Model, tables: RouteTables = new Map()): ModelFacts {
  const label = apiLabeller(model);
  const stages = stageFacts(model, label);
  const grantLabel = apiLabeller(model, false);
  const grants = grantFacts(model, grantLabel);
  return {
    routes: routeFacts(model, label, grantLabel, grants, tables),
    stages,
    grants,
    trusts: trustFacts(model),
    pools: poolFacts(model),
    clients: clientFacts(model),
  };
}
