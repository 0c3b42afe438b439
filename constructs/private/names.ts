// Construct ids and Terraform-safe names derived from spec names and route paths.

/** A construct id fragment: letters, digits, dashes and underscores only. */
export function terraformId(name: string): string {
  const cleaned = name
    .replace(/[{}+]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return cleaned === "" ? "root" : cleaned;
}

/** `GET /pets/{petId}` -> `GET-pets-petId`: unique per route since paths are unique per method. */
export function routeId(method: string, path: string): string {
  // Keep parameters distinguishable from literal segments of the same name.
  return `${method}-${terraformId(path.replace(/\{([^}+]+)\+?\}/g, "_$1_"))}`;
}

/** The IAM role of a Cognito group: `petstore-dev-group-admins`. */
export const groupRoleName = (spec: { readonly name: string; readonly environment: string }, group: string): string =>
  `${spec.name}-${spec.environment}-group-${group}`;

/** An invoker role of the spec (AWS_IAM routes): `petstore-dev-invoker-reporting`. */
export const invokerRoleName = (spec: { readonly name: string; readonly environment: string }, role: string): string =>
  `${spec.name}-${spec.environment}-invoker-${role}`;
