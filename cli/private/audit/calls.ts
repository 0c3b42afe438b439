// Every SDK call of the audit goes through one Caller: at most `concurrency` requests in flight (the API Gateway
// management API has low rate limits; the SDK's adaptive retry paces what is throttled), each call recorded
// (service and operation) as the least-privilege evidence, and every failure turned into an Unread entry:
// what a denied or unreachable read hides is "not verified", never an empty list taken for "none".
import type { SdkCall, Service, Unread } from "./snapshot";

/** Refused by IAM (or an SCP, or a missing subscription): what it hides is not verified. */
const DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedException",
  "UnauthorizedOperation",
  "UnrecognizedClientException",
  "ExpiredTokenException",
  "InvalidClientTokenId",
]);

/** Why a read failed, in one line. */
export function failureReason(e: unknown): string {
  const err = e as { name?: unknown; message?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } };
  const name = typeof err.name === "string" ? err.name : "Error";
  const message = typeof err.message === "string" ? err.message.split("\n")[0] : String(e);
  if (DENIED.has(name) || err.$metadata?.httpStatusCode === 403) return `access denied (${name}: ${message})`;
  const code = typeof err.code === "string" ? err.code : undefined;
  if (code !== undefined && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH)$/.test(code)) return `unreachable (${code})`;
  return `${name}: ${message}`;
}

/** What every Caller of one run shares: the record, the failures and the requests in flight. */
interface Pool {
  readonly concurrency: number;
  readonly recorded: SdkCall[];
  readonly failures: Unread[];
  active: number;
  readonly waiting: (() => void)[];
}

export class Caller {
  private readonly pool: Pool;

  /**
   * @param account the audited account its failures are recorded against. @default - the account of the
   * default credentials (one account audited)
   * @param global its failures are the account's global reads (Unread.global). @default false
   */
  constructor(
    concurrency: number | Pool,
    private readonly account?: string,
    private readonly global = false,
  ) {
    if (typeof concurrency !== "number") {
      this.pool = concurrency;
      return;
    }
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer (got ${concurrency})`);
    this.pool = { concurrency, recorded: [], failures: [], active: 0, waiting: [] };
  }

  /** A Caller for one more audited account: the same bound, record and failures, its failures named by `account`. */
  forAccount(account: string): Caller {
    return new Caller(this.pool, account, this.global);
  }

  /** A Caller for the account's global reads (us-east-1 whatever --region says): its failures concern every region. */
  forGlobal(): Caller {
    return new Caller(this.pool, this.account, true);
  }

  get calls(): readonly SdkCall[] {
    return this.pool.recorded;
  }

  get unread(): readonly Unread[] {
    return this.pool.failures;
  }

  /** Sends one command through `send`, within the concurrency bound, recording it by the command's class name. */
  async call<C extends object, T>(service: Service, command: C, send: (c: C) => Promise<T>): Promise<T> {
    const pool = this.pool;
    pool.recorded.push({ service, operation: command.constructor.name.replace(/Command$/, "") });
    if (pool.active >= pool.concurrency) await new Promise<void>((resolve) => pool.waiting.push(resolve));
    pool.active++;
    try {
      return await send(command);
    } finally {
      pool.active--;
      pool.waiting.shift()?.();
    }
  }

  /** Runs a read; a failure is recorded as unread (`what` in `region`) and yields undefined. */
  async attempt<T>(
    region: string,
    service: Service,
    what: string,
    ...rest: [read: () => Promise<T>] | [scope: Unread["scope"], read: () => Promise<T>]
  ): Promise<T | undefined> {
    const [scope, read] = rest.length === 1 ? [undefined, rest[0]] : rest;
    try {
      return await read();
    } catch (e) {
      this.notRead({ region, service, what, reason: failureReason(e), ...(scope !== undefined ? { scope } : {}) });
      return undefined;
    }
  }

  /** Records something the audit does not read at all (no client for the service). */
  notRead(entry: Unread): void {
    this.pool.failures.push({
      ...entry,
      ...(this.account !== undefined && entry.account === undefined ? { account: this.account } : {}),
      ...(this.global ? { global: true as const } : {}),
    });
  }
}

/**
 * Every page of a paginated read, followed to the end. A token seen twice is a service fault, not the end:
 * it throws rather than returning a partial list that would look complete.
 */
export async function allPages<T>(page: (token: string | undefined) => Promise<{ readonly items?: readonly T[]; readonly next?: string }>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const { items, next } = await page(token);
    out.push(...(items ?? []));
    if (next === undefined || next === "") return out;
    if (seen.has(next)) throw new Error(`pagination token repeated (${next.slice(0, 40)}): the listing would never end`);
    seen.add(next);
    token = next;
  }
}

/** Runs `f` over `items` concurrently (the Caller bounds the requests themselves), keeping the order. */
export function each<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map(f));
}
