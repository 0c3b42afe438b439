// The conformance run's HTTP: one request with a hard timeout (node:http/https, so the signed Host header is sent
// exactly as signed), and a limiter that keeps the run under a request rate and a number of calls in flight.
import * as http from "node:http";
import * as https from "node:https";

export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type Answer =
  | { readonly kind: "answer"; readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly body: string }
  | { readonly kind: "no-answer"; readonly why: string };

/** Bodies are read only as far as a report needs them. */
const MAX_BODY = 4096;

export function send(req: OutgoingRequest, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const lib = req.url.protocol === "https:" ? https : http;
    let settled = false;
    const done = (a: Answer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(a);
    };
    const outgoing = lib.request(req.url, { method: req.method, headers: { ...req.headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (body.length < MAX_BODY) body += chunk.slice(0, MAX_BODY - body.length);
      });
      res.on("end", () => done({ kind: "answer", status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", (e) => done({ kind: "no-answer", why: `the answer broke off: ${e.message}` }));
    });
    const timer = setTimeout(() => {
      done({ kind: "no-answer", why: `no answer within ${timeoutMs} ms` });
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on("error", (e: NodeJS.ErrnoException) => done({ kind: "no-answer", why: `request failed: ${e.code ?? e.message}` }));
    outgoing.end(req.body);
  });
}

export interface Limiter {
  /** Runs `task` when a slot is free and the rate allows one more start. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** At most `ratePerSecond` starts per second (evenly spaced) and `concurrency` tasks in flight. */
export function createLimiter(ratePerSecond: number, concurrency: number): Limiter {
  const spacingMs = 1000 / ratePerSecond;
  let nextStart = 0;
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    // A finishing task hands its slot straight to the next waiter, so no newcomer slips in between.
    if (inFlight >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else inFlight++;
    const now = Date.now();
    const at = Math.max(now, nextStart);
    nextStart = at + spacingMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next !== undefined) next();
    else inFlight--;
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
