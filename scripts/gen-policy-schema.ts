// `npm run schema`: writes the authorization-type parts of schema/policy.schema.json from the type table
// (kernel/authorization-types.ts): the words a route's `type` takes (the types and their aliases) and, in the
// descriptions of the route's keys, which types take each key. The rest of the file is written by hand; a test holds
// its keys to the parser's and fails when the committed file differs from what this renders.
import { readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { AUTHORIZATION_TYPE_NAMES, POLICY_ALIASES, typesWith } from "../kernel/authorization-types";
import type { JsonSchema } from "./gen-spec-schema";

export const POLICY_SCHEMA_FILE = resolve(__dirname, "..", "schema", "policy.schema.json");

/** `text` with `(list)` before its end when the list has a type, as `scopes (COGNITO and JWT only)`; else `text` alone. */
const naming = (text: string, list: string, rest = ""): string => (list === "" ? `${text}${rest}` : `${text} (${list})${rest}`);

const apiKeyImplied = typesWith((f) => typeof f.apiKey === "object" && "implied" in f.apiKey);
const apiKeyRefused = typesWith((f) => typeof f.apiKey === "object" && "refused" in f.apiKey, "or");
const requiredAuthorizer = typesWith((f) => f.authorizer === "required");
const optionalAuthorizer = typesWith((f) => f.authorizer === "optional");
const only = (list: string): string => (list === "" ? "" : `${list} only`);

/** What the table says of a route's keys: each key's description, and the words of `type`. */
function routeKeys(): Readonly<Record<string, { readonly description: string; readonly enum?: readonly string[] }>> {
  const aliases = POLICY_ALIASES.map((a) => `\`${a.word}\` is accepted for \`${a.type}\``).join(", ");
  const authorizer = [
    ...(requiredAuthorizer === "" ? [] : [`required for ${requiredAuthorizer}`]),
    ...(optionalAuthorizer === "" ? [] : [`optional for ${optionalAuthorizer}`]),
    "not allowed otherwise",
  ].join(", ");
  const apiKey = [...(apiKeyImplied === "" ? [] : [`always true for ${apiKeyImplied}`]), ...(apiKeyRefused === "" ? [] : [`not for ${apiKeyRefused}`])];
  const reasonRequired = typesWith((f) => f.reason !== "optional");
  const groupsRefused = typesWith((f) => f.groups !== true, "or");
  return {
    type: {
      description: aliases === "" ? "The intended authorization." : `The intended authorization. ${aliases} (docs/migrations.md).`,
      enum: [...AUTHORIZATION_TYPE_NAMES, ...POLICY_ALIASES.map((a) => a.word)],
    },
    authorizer: { description: `The authorizer's name (\`\${api}\` = the API name); ${authorizer}.` },
    scopes: { description: naming("OAuth scopes required", only(typesWith((f) => f.scopes)), ".") },
    groups: { description: naming("Cognito groups admitted", groupsRefused === "" ? "" : `not for ${groupsRefused}`, ".") },
    roles: { description: naming("IAM role name patterns that may invoke", only(typesWith((f) => f.roles)), ".") },
    clients: { description: naming("App client names the edge verifier accepts", only(typesWith((f) => f.clients)), "; absent: clients are not compared.") },
    issuer: { description: naming("The JWT authorizer's issuer URL", only(typesWith((f) => f.jwt)), ".") },
    audience: { description: naming("The JWT authorizer's audiences", only(typesWith((f) => f.jwt)), "; absent: the audience is not compared.") },
    apiKey: { description: naming("An API key is required besides the authorization", apiKey.join("; "), ".") },
    reason: { description: reasonRequired === "" ? "Why (at least 10 characters)." : `Why: required (at least 10 characters) for ${reasonRequired}.` },
  };
}

/**
 * The policy schema `committed` with its type parts rendered from the table. A key the table speaks of that the
 * file's Route does not have is an error naming it (the file and the parser's keys are held together by a test).
 */
export function withTypeParts(committed: string): string {
  const schema = JSON.parse(committed) as JsonSchema;
  const route = (schema.definitions as Record<string, JsonSchema> | undefined)?.["Route"];
  const properties = route?.properties as Record<string, JsonSchema> | undefined;
  for (const [key, parts] of Object.entries(routeKeys())) {
    const property = properties?.[key];
    if (property === undefined) throw new Error(`schema/policy.schema.json: definitions.Route has no property ${key}`);
    property.description = parts.description;
    if (parts.enum !== undefined) property.enum = [...parts.enum];
  }
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(POLICY_SCHEMA_FILE, withTypeParts(readFileSync(POLICY_SCHEMA_FILE, "utf8")));
  process.stdout.write(`wrote the type parts of ${relative(process.cwd(), POLICY_SCHEMA_FILE)}\n`);
}
