// Reading Cognito claims as API Gateway hands them to a Lambda proxy behind a Cognito authorizer: every value
// arrives as a string, and list claims come as a JSON array, `[a b]`, or a comma string depending on the path.

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `requestContext.authorizer.claims` of a proxy event, or null. */
export function authorizerClaims(event: unknown): Record<string, unknown> | null {
  if (!isRecord(event) || !isRecord(event.requestContext)) return null;
  const authorizer = event.requestContext.authorizer;
  if (!isRecord(authorizer) || !isRecord(authorizer.claims)) return null;
  return authorizer.claims;
}

/**
 * A list claim (`cognito:groups`, `cognito:roles`) in any of its spellings. Group names and role ARNs hold
 * neither whitespace nor brackets, so splitting on commas and whitespace is unambiguous. Unreadable → null.
 */
export function listClaim(value: unknown): string[] | null {
  if (value === undefined || value === null || value === "") return [];
  if (Array.isArray(value)) return value.every((v): v is string => typeof v === "string") ? value : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text.startsWith("[") && text.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) && parsed.every((v): v is string => typeof v === "string") ? parsed : null;
    } catch {
      return null;
    }
  }
  return text
    .replace(/^\[|\]$/g, "")
    .split(/[,\s]+/)
    .filter((s) => s !== "");
}

export const stringClaim = (claims: Record<string, unknown>, name: string): string | null => {
  const v = claims[name];
  return typeof v === "string" && v !== "" ? v : null;
};
