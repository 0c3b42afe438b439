// Validation of everything around the routes: Lambda authorizers, invoker roles, usage plans, stage,
// CORS, WAF, edge, and the spec's own identity (name, environment, region, backend).
import { credentialCacheGap, CREDENTIAL_SOURCE } from "../../kernel/credential-source";
import type { AccessSpec, InvokerRoleSpec, LambdaAuthorizerSpec, UsagePlanSpec } from "../types";
import { routeKey } from "../types";
import { checkDuplicates, checkInt, checkNonEmpty, checkRef, checkRefs, checkRetention, checkThrottle } from "./checks";
import { AUTHORIZER_TTL, NAME_PATTERNS, QUOTA_OFFSET_MAX, WAF_RATE_LIMIT } from "./limits";
import type { DeclaredNames } from "./names";
import { joinPath, q, type ProblemList } from "./problems";

const HEADER_SOURCE = /^method\.request\.header\.[A-Za-z0-9._~!#$%&'*+^`|-]+$/;
const IDENTITY_SOURCE = /^(?:method\.request\.(?:header|querystring)\.[A-Za-z0-9._~!#$%&'*+^`|-]+|context\.[A-Za-z0-9._-]+|stageVariables\.[A-Za-z0-9._-]+)$/;

export function validateIdentity(p: ProblemList, spec: AccessSpec): void {
  if (!NAME_PATTERNS.specName.test(spec.name)) {
    p.add(
      "name",
      `spec name ${q(spec.name)} must be 1-32 lowercase letters, digits and hyphens, starting with a letter (it prefixes every resource name)`,
      spec.name,
    );
  }
  if (!NAME_PATTERNS.environment.test(spec.environment)) {
    p.add("environment", `environment ${q(spec.environment)} must be 1-16 lowercase letters, digits and hyphens, starting with a letter`, spec.environment);
  }
  if (!NAME_PATTERNS.region.test(spec.region)) p.add("region", `region ${q(spec.region)} is not an AWS region name (e.g. "eu-west-1")`, spec.region);
  checkRetention(p, "lambdaLogRetentionDays", spec.lambdaLogRetentionDays, "lambdas");
  if (spec.backend?.type === "s3") {
    const b = spec.backend;
    if (!NAME_PATTERNS.s3Bucket.test(b.bucket)) p.add("backend.bucket", `backend: bucket ${q(b.bucket)} is not a valid S3 bucket name`, b.bucket);
    checkNonEmpty(p, "backend.key", b.key, "backend: key");
    if (!NAME_PATTERNS.region.test(b.region)) p.add("backend.region", `backend: region ${q(b.region)} is not an AWS region name`, b.region);
  }
  for (const [key, value] of Object.entries(spec.tags ?? {})) {
    const path = joinPath("tags", key);
    if (key.length < 1 || key.length > 128 || key.toLowerCase().startsWith("aws:"))
      p.add(path, `tag key ${q(key)} must be 1-128 characters and not start with "aws:"`, key);
    if (value.length > 256) p.add(path, `tag ${q(key)}: value must be at most 256 characters`, value);
  }
}

export function validateAuthorizers(p: ProblemList, authorizers: readonly LambdaAuthorizerSpec[]): void {
  checkDuplicates(p, "authorizers", authorizers, (a) => a.name, "authorizer");
  authorizers.forEach((a, i) => {
    const path = joinPath("authorizers", i);
    const subject = `authorizer ${q(a.name)}`;
    checkNonEmpty(p, joinPath(path, "name"), a.name, "authorizer name");
    checkInt(p, joinPath(path, "resultTtlSeconds"), a.resultTtlSeconds, AUTHORIZER_TTL.min, AUTHORIZER_TTL.max, `${subject}: resultTtlSeconds`);
    const sourcesPath = joinPath(path, "identitySources");
    if (a.identitySources.length === 0) {
      p.add(sourcesPath, `${subject}: identitySources must not be empty`, a.identitySources);
      return;
    }
    const gap = credentialCacheGap(a.type, a.identitySources, a.resultTtlSeconds);
    if (gap !== undefined) p.add(sourcesPath, `${subject}: ${gap}; add ${CREDENTIAL_SOURCE} or set resultTtlSeconds to 0`, a.identitySources);
    if (a.type === "TOKEN") {
      // A TOKEN authorizer reads exactly one header; anything else is refused by API Gateway.
      if (a.identitySources.length !== 1) p.add(sourcesPath, `${subject}: a TOKEN authorizer takes exactly one identity source (a header)`, a.identitySources);
      a.identitySources.forEach((s, j) => {
        if (!HEADER_SOURCE.test(s)) p.add(joinPath(sourcesPath, j), `${subject}: TOKEN identity source ${q(s)} must be method.request.header.<Name>`, s);
      });
    } else {
      a.identitySources.forEach((s, j) => {
        if (!IDENTITY_SOURCE.test(s)) {
          p.add(
            joinPath(sourcesPath, j),
            `${subject}: identity source ${q(s)} must be method.request.header.X, method.request.querystring.X, context.X or stageVariables.X`,
            s,
          );
        }
      });
    }
  });
}

export function validateInvokerRoles(p: ProblemList, roles: readonly InvokerRoleSpec[]): void {
  checkDuplicates(p, "invokerRoles", roles, (r) => r.name, "invoker role");
  roles.forEach((r, i) => {
    const path = joinPath("invokerRoles", i);
    const subject = `invoker role ${q(r.name)}`;
    checkNonEmpty(p, joinPath(path, "name"), r.name, "invoker role name");
    const services = r.assumedBy.services ?? [];
    const arns = r.assumedBy.roleArns ?? [];
    // A trust policy must name who may assume the role; never empty (useless) and never `*` (open).
    if (services.length === 0 && arns.length === 0) p.add(joinPath(path, "assumedBy"), `${subject}: assumedBy names no service or role ARN`, r.assumedBy);
    services.forEach((s, j) => {
      if (!NAME_PATTERNS.servicePrincipal.test(s))
        p.add(joinPath(joinPath(joinPath(path, "assumedBy"), "services"), j), `${subject}: ${q(s)} is not a service principal (<service>.amazonaws.com)`, s);
    });
    arns.forEach((a, j) => {
      if (!NAME_PATTERNS.roleArn.test(a))
        p.add(joinPath(joinPath(joinPath(path, "assumedBy"), "roleArns"), j), `${subject}: ${q(a)} is not an IAM role ARN (wildcards are refused)`, a);
    });
  });
}

export function validateUsagePlans(p: ProblemList, spec: AccessSpec): void {
  checkDuplicates(p, "usagePlans", spec.usagePlans, (u) => u.name, "usage plan");
  const routeKeys = new Set(spec.routes.map((r) => routeKey(r.method, r.path)));
  spec.usagePlans.forEach((plan, i) => validateUsagePlan(p, joinPath("usagePlans", i), plan, routeKeys));
  checkKeyInOnePlan(p, spec);
}

/**
 * Every plan is on the spec's one stage, and API Gateway lets a key reference one usage plan per stage: a key in
 * two plans fails at apply, or (edited outside) leaves which quota and throttle apply to the caller ambiguous.
 */
function checkKeyInOnePlan(p: ProblemList, spec: AccessSpec): void {
  const planOf = new Map<string, number>();
  spec.usagePlans.forEach((plan, i) => {
    // A repeated plan is reported as a duplicate plan already: one problem per mistake.
    if (spec.usagePlans.findIndex((u) => u.name === plan.name) !== i) return;
    for (const key of new Set(plan.keys)) {
      const first = planOf.get(key);
      if (first === undefined) planOf.set(key, i);
      else if (first !== i) {
        p.add(
          joinPath(joinPath(joinPath("usagePlans", i), "keys"), plan.keys.indexOf(key)),
          `usage plan ${q(plan.name)}: API key ${q(key)} is already in usage plan ${q(spec.usagePlans[first]?.name)} on stage ${q(spec.stage.name)} (a key belongs to one plan per stage)`,
          key,
        );
      }
    }
  });
}

function validateUsagePlan(p: ProblemList, path: string, plan: UsagePlanSpec, routeKeys: ReadonlySet<string>): void {
  const subject = `usage plan ${q(plan.name)}`;
  checkNonEmpty(p, joinPath(path, "name"), plan.name, "usage plan name");
  checkThrottle(p, joinPath(path, "throttle"), plan.throttle, subject);
  const quota = joinPath(path, "quota");
  checkInt(p, joinPath(quota, "limit"), plan.quota.limit, 1, Number.MAX_SAFE_INTEGER, `${subject}: quota limit`);
  if (plan.quota.offset !== undefined) {
    const max = QUOTA_OFFSET_MAX[plan.quota.period];
    checkInt(p, joinPath(quota, "offset"), plan.quota.offset, 0, max, `${subject}: quota offset for period ${plan.quota.period}`);
  }
  const mt = joinPath(path, "methodThrottles");
  for (const [key, throttle] of Object.entries(plan.methodThrottles ?? {})) {
    checkRef(p, joinPath(mt, key), key, routeKeys, "route key in methodThrottles", subject);
    checkThrottle(p, joinPath(mt, key), throttle, `${subject} ${q(key)}`);
  }
  const keysPath = joinPath(path, "keys");
  plan.keys.forEach((k, j) => checkNonEmpty(p, joinPath(keysPath, j), k, `${subject}: API key name`));
  checkDuplicates(p, keysPath, plan.keys, (k) => k, "API key", "");
}

export function validateStage(p: ProblemList, spec: AccessSpec): void {
  const stage = spec.stage;
  const subject = `stage ${q(stage.name)}`;
  if (!NAME_PATTERNS.stageName.test(stage.name)) p.add("stage.name", `${subject}: name must be letters, digits and underscores`, stage.name);
  checkThrottle(p, "stage.throttle", stage.throttle, subject);
  checkRetention(p, "stage.logRetentionDays", stage.logRetentionDays, subject);
  if (stage.cloudWatchRoleArn !== undefined && !/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/.test(stage.cloudWatchRoleArn)) {
    p.add("stage.cloudWatchRoleArn", `${subject}: cloudWatchRoleArn must be an IAM role ARN`, stage.cloudWatchRoleArn);
  }
  const fmt = stage.accessLogFormat;
  // API Gateway refuses an access-log format without a request id.
  if (fmt !== undefined && !fmt.includes("$context.requestId") && !fmt.includes("$context.extendedRequestId")) {
    p.add("stage.accessLogFormat", `${subject}: accessLogFormat must include $context.requestId or $context.extendedRequestId`, fmt);
  }
}

export function validateCorsWafEdge(p: ProblemList, spec: AccessSpec, names: DeclaredNames): void {
  if (spec.cors !== undefined) {
    if (spec.cors.allowOrigins.length === 0) p.add("cors.allowOrigins", "cors: allowOrigins must not be empty", spec.cors.allowOrigins);
    // The preflight is a MOCK: it cannot echo the caller's origin, and the header allows one origin or "*".
    if (spec.cors.allowOrigins.length > 1) {
      p.add(
        "cors.allowOrigins",
        'cors: Access-Control-Allow-Origin takes exactly one origin (or "*"); a MOCK preflight cannot choose per caller',
        spec.cors.allowOrigins,
      );
    }
    if (spec.cors.maxAgeSeconds !== undefined) checkInt(p, "cors.maxAgeSeconds", spec.cors.maxAgeSeconds, 0, 86400, "cors: maxAgeSeconds");
  }
  checkInt(p, "waf.rateLimitPerFiveMinutes", spec.waf.rateLimitPerFiveMinutes, WAF_RATE_LIMIT.min, WAF_RATE_LIMIT.max, "waf: rateLimitPerFiveMinutes");
  checkRetention(p, "waf.logRetentionDays", spec.waf.logRetentionDays, "waf");

  const edge = spec.edge;
  if (edge === undefined) return;
  const subject = "edge";
  checkInt(p, "edge.rateLimitPerFiveMinutes", edge.rateLimitPerFiveMinutes, WAF_RATE_LIMIT.min, WAF_RATE_LIMIT.max, `${subject}: rateLimitPerFiveMinutes`);
  if (edge.usagePlan !== undefined) checkRef(p, "edge.usagePlan", edge.usagePlan, names.usagePlans, "usage plan", subject);
  if (edge.scheme === "ApiKey" && edge.usagePlan === undefined) p.add("edge.usagePlan", `${subject}: scheme "ApiKey" needs a usagePlan`, undefined);
  checkRefs(p, "edge.clients", edge.clients, names.clients, "client", subject);
  for (const [prefix, scopes] of Object.entries(edge.scopesByPathPrefix ?? {})) {
    const path = joinPath("edge.scopesByPathPrefix", prefix);
    if (!prefix.startsWith("/")) p.add(path, `${subject}: path prefix ${q(prefix)} must start with /`, prefix);
    checkRefs(p, path, scopes, names.scopes, "scope", `${subject} ${q(prefix)}`);
  }
}
