// What rules judge, as subjects for evidence per subject (guard/verdicts.ts): routes, APIs, policy files, stages,
// user pools, app clients, authorizers, API keys, deployments and Cognito group roles, each labelled as a person
// names it. A rule declares the family it judges with one of these (`subjects: routeSubjects()`).
import { apiNameOf, known, lookupPolicy, show } from "../../access/lookups";
import { lambdaFunctions } from "../../access/lambda-functions";
import { holderName, secretHolders, SECRET_TYPES } from "../../access/secrets";
import type { Model, ResourceInstance, RestApi, Route, Val } from "../../model";
import type { PolicySet } from "../../policy/types";
import type { Subject } from "../types";

type Subjects = (model: Model, policies: PolicySet) => readonly Subject[];

/** `petstore-dev: ` for a resource of a cdktf.out stack, "" for a single file. */
const stackPrefix = (r: ResourceInstance): string => (r.source.stack === "" ? "" : `${r.source.stack}: `);

const nameOf = (v: Val<string>): string => (known(v) ? JSON.stringify(v) : show(v));

function policyFileOf(policies: PolicySet, apiName: Val<string>): string | undefined {
  const l = lookupPolicy(policies, apiName);
  return l.kind === "one" ? l.effective.policy.file : undefined;
}

function routeSubject(r: Route, policies: PolicySet): Subject {
  const api = apiNameOf(r);
  const policyFile = policyFileOf(policies, r.apiName);
  return {
    kind: "route",
    address: r.address,
    file: r.resource.source.file,
    ...(api !== undefined ? { api } : {}),
    ...(r.routeKey !== undefined ? { route: r.routeKey } : {}),
    ...(policyFile !== undefined ? { policyFile } : {}),
    label: `${api !== undefined ? `${api} ` : stackPrefix(r.resource)}${r.routeKey ?? r.address}`,
  };
}

function apiSubject(a: RestApi, policies: PolicySet): Subject {
  const policyFile = policyFileOf(policies, a.name);
  return {
    kind: "api",
    address: a.address,
    file: a.resource.source.file,
    ...(known(a.name) ? { api: a.name } : {}),
    ...(policyFile !== undefined ? { policyFile } : {}),
    label: `${stackPrefix(a.resource)}API ${nameOf(a.name)}`,
  };
}

/** Routes the rule judges: every route, or those `which` selects. */
export const routeSubjects =
  (which: (r: Route, model: Model) => boolean = () => true): Subjects =>
  (model, policies) =>
    model.routes.filter((r) => which(r, model)).map((r) => routeSubject(r, policies));

/**
 * method-matches-policy: each route of an API exactly one policy speaks for (and each route whose API did not
 * resolve), each API (one policy matches it, every policy route has its method), and each policy file (it matches
 * an API). A route of an API no policy matches is judged through its API, never passed on its own.
 */
export const policyMatchSubjects: Subjects = (model, policies) => [
  ...model.routes.filter((r) => r.api === undefined || lookupPolicy(policies, r.apiName).kind === "one").map((r) => routeSubject(r, policies)),
  ...model.apis.map((a) => apiSubject(a, policies)),
  ...policies.policies.map((p): Subject => ({ kind: "policy", address: p.file, file: p.file, label: `policy ${p.file}` })),
];

const apiLabelOf = (model: Model, apiAddress: string | undefined, r: ResourceInstance): string => {
  const api = model.apis.find((a) => a.address === apiAddress && a.resource.source.stack === r.source.stack);
  return api !== undefined && known(api.name) ? `${api.name} ` : stackPrefix(r);
};

/** REST stages, and with `http`, the stages of HTTP and WebSocket APIs too. */
export const stageSubjects =
  (http = false): Subjects =>
  (model) =>
    [...model.stages, ...(http ? (model.httpStages ?? []) : [])].map((s) => ({
      kind: "stage",
      address: s.address,
      file: s.resource.source.file,
      ...(s.api !== undefined && known(s.api.name) ? { api: s.api.name } : {}),
      label: `${apiLabelOf(model, s.apiAddress, s.resource)}stage ${nameOf(s.name)}`,
    }));

export const userPoolSubjects: Subjects = (model) =>
  model.userPools.map((p) => ({
    kind: "user-pool",
    address: p.address,
    file: p.resource.source.file,
    label: `${stackPrefix(p.resource)}user pool ${nameOf(p.name)}`,
  }));

export const appClientSubjects: Subjects = (model) =>
  model.userPoolClients.map((c) => ({
    kind: "app-client",
    address: c.address,
    file: c.resource.source.file,
    label: `${stackPrefix(c.resource)}app client ${nameOf(c.name)}`,
  }));

export const authorizerSubjects: Subjects = (model) =>
  model.authorizers.map((a) => ({
    kind: "authorizer",
    address: a.address,
    file: a.resource.source.file,
    ...(a.api !== undefined && known(a.api.name) ? { api: a.api.name } : {}),
    label: `${apiLabelOf(model, a.apiAddress, a.resource)}authorizer ${nameOf(a.name)}`,
  }));

export const apiKeySubjects: Subjects = (model) =>
  model.apiKeys.map((k) => ({
    kind: "api-key",
    address: k.address,
    file: k.resource.source.file,
    label: `${stackPrefix(k.resource)}API key ${nameOf(k.name)}`,
  }));

export const deploymentSubjects: Subjects = (model) =>
  model.deployments.map((d) => ({
    kind: "deployment",
    address: d.address,
    file: d.resource.source.file,
    label: `${apiLabelOf(model, d.apiAddress, d.resource)}deployment ${d.address}`,
  }));

/** Lambda functions (rule lambda-runtime-supported). */
export const lambdaFunctionSubjects: Subjects = (model) =>
  lambdaFunctions(model).map((f) => ({
    kind: "function",
    address: f.address,
    file: f.resource.source.file,
    label: `${stackPrefix(f.resource)}function ${f.functionName === undefined ? f.address : nameOf(f.functionName)}`,
  }));

/** IAM roles that Cognito groups use. */
export const groupRoleSubjects: Subjects = (model) =>
  model.iamRoles
    .filter((r) => r.cognitoGroups.length > 0)
    .map((r) => ({ kind: "role", address: r.address, file: r.resource.source.file, label: `${stackPrefix(r.resource)}group role ${nameOf(r.name)}` }));

/** Resources that hold a secret and whose configuration the input shows (rule secret-literal). */
export const secretHolderSubjects: Subjects = (model) =>
  secretHolders(model).map((r) => {
    const name = holderName(r);
    return {
      kind: "secret-holder",
      address: r.address,
      file: r.source.file,
      label: `${stackPrefix(r)}${SECRET_TYPES[r.type]} ${name !== undefined ? JSON.stringify(name) : r.address}`,
    };
  });
