// Small checks the validator repeats across spec sections: ranges, references, duplicates, throttles.
import type { ThrottleSpec } from "../types";
import { LOG_RETENTION_DAYS, THROTTLE_LIMITS } from "./limits";
import { joinPath, q, type ProblemList } from "./problems";

/** Integer in [min, max]; `what` reads as the start of the message, e.g. `route "GET /": resultTtlSeconds`. */
export function checkInt(p: ProblemList, path: string, value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    p.add(path, `${what} must be an integer from ${min} to ${max}`, value);
  }
}

/** Reports a name that is not in `known`: `route "GET /pets": unknown scope "petstore/raed"`. */
export function checkRef(p: ProblemList, path: string, name: string, known: ReadonlySet<string>, kind: string, subject: string): void {
  if (!known.has(name)) p.add(path, `${subject}: unknown ${kind} ${q(name)}`, name);
}

export function checkRefs(p: ProblemList, path: string, names: readonly string[] | undefined, known: ReadonlySet<string>, kind: string, subject: string): void {
  names?.forEach((name, i) => checkRef(p, joinPath(path, i), name, known, kind, subject));
}

/** Every later occurrence of a name already used is a problem pointing at the first one; `field` "" = the item itself. */
export function checkDuplicates<T>(p: ProblemList, path: string, items: readonly T[], nameOf: (item: T) => string, kind: string, field = "name"): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const name = nameOf(item);
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, i);
    else
      p.add(field === "" ? joinPath(path, i) : joinPath(joinPath(path, i), field), `duplicate ${kind} ${q(name)} (first at ${joinPath(path, earlier)})`, name);
  });
}

export function checkNonEmpty(p: ProblemList, path: string, value: string, what: string): void {
  if (value.trim() === "") p.add(path, `${what} must not be empty`, value);
}

/** API Gateway throttles: rate > 0 and <= 10000 rps, burst an integer 1..5000. Burst below rate is allowed. */
export function checkThrottle(p: ProblemList, path: string, throttle: ThrottleSpec, subject: string): void {
  const { rateLimit, burstLimit } = throttle;
  if (!Number.isFinite(rateLimit) || rateLimit <= 0 || rateLimit > THROTTLE_LIMITS.maxRate) {
    p.add(joinPath(path, "rateLimit"), `${subject}: rateLimit must be > 0 and <= ${THROTTLE_LIMITS.maxRate}`, rateLimit);
  }
  checkInt(p, joinPath(path, "burstLimit"), burstLimit, 1, THROTTLE_LIMITS.maxBurst, `${subject}: burstLimit`);
}

export function checkRetention(p: ProblemList, path: string, days: number, subject: string): void {
  if (!LOG_RETENTION_DAYS.includes(days)) {
    p.add(path, `${subject}: log retention must be one of CloudWatch's values (${LOG_RETENTION_DAYS.join(", ")})`, days);
  }
}
