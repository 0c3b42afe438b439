// Identity sources of HTTP and WebSocket API authorizers (and OpenAPI bodies of HTTP APIs) in the REST spelling.
// Pure.

/**
 * v2 identity sources in the REST spelling, so one definition of "keyed on the credential" judges both
 * (kernel/credential-source.ts): `$request.header.X` and WebSocket `route.request.header.X` ->
 * `method.request.header.X`; `$context.x` -> `context.x`; `$stageVariables.x` -> `stageVariables.x`.
 */
export function restIdentitySource(source: string): string {
  return source
    .trim()
    .replace(/^\$request\.querystring\./, "method.request.querystring.")
    .replace(/^\$request\.header\./, "method.request.header.")
    .replace(/^route\.request\./, "method.request.")
    .replace(/^\$context\./, "context.")
    .replace(/^\$stageVariables\./, "stageVariables.");
}
