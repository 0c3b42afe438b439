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
