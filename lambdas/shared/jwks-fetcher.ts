// JWKS fetcher with one hard deadline per fetch and no retry, so a hanging, failing or garbage-serving JWKS
// endpoint costs at most `timeoutMs` before the caller fails closed. Used by the API authorizer (API Gateway
// gives it 10 s) and the Lambda@Edge verifier (5 s for the whole viewer request).
import * as http from "node:http";
import * as https from "node:https";
import type { Fetcher } from "aws-jwt-verify/https";

export interface BoundedFetcherOptions {
  /** Whole-request deadline: connect, headers and body. */
  readonly timeoutMs: number;
  /** Largest body accepted; a JWKS is a few KB. @default 65536 */
  readonly maxBytes?: number;
  /** Test hook: rewrite the JWKS URI (e.g. to a loopback server). @default - the URI as given */
  readonly resolveUri?: (uri: string) => string;
}

export class JwksFetchError extends Error {}

export class BoundedFetcher implements Fetcher {
  constructor(private readonly options: BoundedFetcherOptions) {}

  fetch(uri: string): Promise<ArrayBuffer> {
    const target = new URL(this.options.resolveUri ? this.options.resolveUri(uri) : uri);
    const maxBytes = this.options.maxBytes ?? 65536;
    const client = target.protocol === "https:" ? https : target.protocol === "http:" ? http : null;
    if (!client) return Promise.reject(new JwksFetchError(`unsupported JWKS URI scheme ${target.protocol}`));
    return new Promise<ArrayBuffer>((resolve, reject) => {
      let settled = false;
      let req: http.ClientRequest | undefined;
      let timer: NodeJS.Timeout | undefined;
      const finish = (err: Error | null, body?: Buffer): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) {
          req?.destroy();
          reject(err);
        } else if (body) {
          resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
        }
      };
      try {
        req = client.get(target, { headers: { accept: "application/json" } }, (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            finish(new JwksFetchError(`JWKS endpoint answered ${res.statusCode}`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) finish(new JwksFetchError(`JWKS larger than ${maxBytes} bytes`));
            else chunks.push(chunk);
          });
          res.on("end", () => finish(null, Buffer.concat(chunks)));
          res.on("error", (e) => finish(new JwksFetchError(`JWKS response failed: ${e.message}`)));
        });
      } catch (e) {
        // A request that cannot even be started (the client threw) fails closed now, with no timer left behind.
        finish(new JwksFetchError(`JWKS request could not start: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      timer = setTimeout(() => finish(new JwksFetchError(`JWKS fetch exceeded ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      req.on("error", (e) => finish(new JwksFetchError(`JWKS request failed: ${e.message}`)));
    });
  }
}
