// JSON responses for Lambda proxy integrations; never cached by a browser or CloudFront.

export interface ProxyResult {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const json = (statusCode: number, body: unknown): ProxyResult => ({
  statusCode,
  headers: { "content-type": "application/json", "cache-control": "no-store" },
  body: JSON.stringify(body),
});
