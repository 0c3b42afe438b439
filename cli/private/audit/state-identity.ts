// Cognito pools, app clients (never a secret), groups and resource servers, and the Lambda functions behind the
// APIs with their resource-policy statements and function URLs, as the provider keeps them in state. Pure.
import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { block, resource, snake, type StateResource } from "./state-doc";
import type { FunctionRead, UserPoolRead } from "./snapshot";

function lambdaConfig(pool: UserPoolType): Record<string, unknown> | undefined {
  const c = pool.LambdaConfig;
  if (c === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (typeof v === "string") out[snake(k)] = v;
  if (c.PreTokenGenerationConfig !== undefined) {
    out["pre_token_generation_config"] = [
      { lambda_arn: c.PreTokenGenerationConfig.LambdaArn ?? "", lambda_version: c.PreTokenGenerationConfig.LambdaVersion ?? "" },
    ];
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

export function cognitoResources(region: string, pools: readonly UserPoolRead[]): StateResource[] {
  const out: StateResource[] = [];
  for (const { pool, clients, groups, resourceServers, totpEnabled } of pools) {
    const id = pool.Id ?? "";
    const label = `${region} user pool ${pool.Name ?? id} (${id})`;
    const pw = pool.Policies?.PasswordPolicy;
    out.push(
      resource("aws_cognito_user_pool", label, {
        id,
        name: pool.Name ?? "",
        arn: pool.Arn ?? "",
        endpoint: `cognito-idp.${region}.amazonaws.com/${id}`,
        mfa_configuration: pool.MfaConfiguration ?? "OFF",
        software_token_mfa_configuration: totpEnabled ? [{ enabled: true }] : [],
        password_policy: block(
          pw === undefined
            ? undefined
            : {
                minimum_length: pw.MinimumLength ?? 8,
                require_lowercase: pw.RequireLowercase === true,
                require_uppercase: pw.RequireUppercase === true,
                require_numbers: pw.RequireNumbers === true,
                require_symbols: pw.RequireSymbols === true,
                temporary_password_validity_days: pw.TemporaryPasswordValidityDays ?? 7,
              },
        ),
        user_pool_add_ons: block(pool.UserPoolAddOns === undefined ? undefined : { advanced_security_mode: pool.UserPoolAddOns.AdvancedSecurityMode ?? "OFF" }),
        deletion_protection: pool.DeletionProtection ?? "INACTIVE",
        user_pool_tier: pool.UserPoolTier ?? "ESSENTIALS",
        lambda_config: block(lambdaConfig(pool)),
        admin_create_user_config: [{ allow_admin_create_user_only: pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true }],
        // Choice-based sign-in's first factors; absent is Cognito's default, PASSWORD alone (app-client-password-auth).
        sign_in_policy: block(
          pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors === undefined
            ? undefined
            : { allowed_first_auth_factors: [...pool.Policies.SignInPolicy.AllowedFirstAuthFactors] },
        ),
      }),
    );
    for (const c of clients) {
      const units = c.TokenValidityUnits;
      out.push(
        resource("aws_cognito_user_pool_client", `${label} client ${c.ClientName ?? c.ClientId ?? ""} (${c.ClientId ?? ""})`, {
          id: c.ClientId ?? "",
          name: c.ClientName ?? "",
          user_pool_id: id,
          allowed_oauth_flows: c.AllowedOAuthFlows ?? [],
          allowed_oauth_flows_user_pool_client: c.AllowedOAuthFlowsUserPoolClient === true,
          allowed_oauth_scopes: c.AllowedOAuthScopes ?? [],
          callback_urls: c.CallbackURLs ?? [],
          logout_urls: c.LogoutURLs ?? [],
          default_redirect_uri: c.DefaultRedirectURI ?? "",
          explicit_auth_flows: c.ExplicitAuthFlows ?? [],
          generate_secret: c.ClientSecret !== undefined,
          supported_identity_providers: c.SupportedIdentityProviders ?? [],
          access_token_validity: c.AccessTokenValidity ?? 0,
          id_token_validity: c.IdTokenValidity ?? 0,
          refresh_token_validity: c.RefreshTokenValidity ?? 0,
          token_validity_units: block(
            units === undefined
              ? undefined
              : { access_token: units.AccessToken ?? "hours", id_token: units.IdToken ?? "hours", refresh_token: units.RefreshToken ?? "days" },
          ),
          enable_token_revocation: c.EnableTokenRevocation === true,
          prevent_user_existence_errors: c.PreventUserExistenceErrors ?? "",
        }),
      );
    }
    for (const g of groups) {
      out.push(
        resource("aws_cognito_user_group", `${label} group ${g.GroupName ?? ""}`, {
          id: `${id}/${g.GroupName ?? ""}`,
          name: g.GroupName ?? "",
          user_pool_id: id,
          role_arn: g.RoleArn ?? "",
          precedence: g.Precedence ?? 0,
          description: g.Description ?? "",
        }),
      );
    }
    for (const s of resourceServers) {
      const identifier = s.Identifier ?? "";
      const scopes = s.Scopes ?? [];
      out.push(
        resource("aws_cognito_resource_server", `${label} resource server ${identifier}`, {
          id: `${id}|${identifier}`,
          identifier,
          name: s.Name ?? "",
          user_pool_id: id,
          scope: scopes.map((x) => ({ scope_name: x.ScopeName ?? "", scope_description: x.ScopeDescription ?? "" })),
          scope_identifiers: scopes.map((x) => `${identifier}/${x.ScopeName ?? ""}`),
        }),
      );
    }
  }
  return out;
}

interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Principal?: string | { readonly Service?: string | string[]; readonly AWS?: string | string[] };
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | string[]>>>>;
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** A function's resource policy as aws_lambda_permission statements; one that cannot be parsed is returned as undefined. */
function permissionStatements(policy: string): PolicyStatement[] | undefined {
  try {
    const doc = JSON.parse(policy) as { Statement?: PolicyStatement | PolicyStatement[] };
    const s = doc.Statement;
    return s === undefined ? [] : Array.isArray(s) ? s : [s];
  } catch {
    return undefined;
  }
}

/**
 * A function's version ARN: GetFunctionConfiguration of a version (a Lambda@Edge association) answers with the
 * qualified ARN already, of the function itself with the unqualified one and `$LATEST`.
 */
export function qualifiedArn(config: FunctionRead["config"]): string {
  const arn = config.FunctionArn ?? "";
  const version = config.Version ?? "$LATEST";
  return arn.split(":").length > 7 ? arn : `${arn}:${version}`;
}

export function lambdaResources(region: string, functions: readonly FunctionRead[]): { resources: StateResource[]; problems: string[] } {
  const out: StateResource[] = [];
  const problems: string[] = [];
  for (const { config, policy, urls, tags } of functions) {
    const qualified = qualifiedArn(config);
    const arn = qualified.split(":").slice(0, 7).join(":");
    const name = config.FunctionName ?? arn;
    const fnRegion = arn.split(":")[3] ?? region;
    // A published version (a Lambda@Edge association) is its own object: two versions of one function, two entries.
    const version = config.Version !== undefined && /^\d+$/.test(config.Version) ? `:${config.Version}` : "";
    const label = `${fnRegion === region ? region : fnRegion} function ${name}${version}`;
    out.push(
      resource("aws_lambda_function", label, {
        id: name,
        function_name: name,
        arn,
        qualified_arn: qualified,
        version: config.Version ?? "$LATEST",
        invoke_arn: `arn:aws:apigateway:${fnRegion}:lambda:path/2015-03-31/functions/${arn}/invocations`,
        runtime: config.Runtime ?? null,
        handler: config.Handler ?? null,
        role: config.Role ?? "",
        package_type: config.PackageType ?? "Zip",
        layers: (config.Layers ?? []).map((l) => l.Arn ?? ""),
        source_code_hash: config.CodeSha256 ?? "",
        environment: block(config.Environment?.Variables === undefined ? undefined : { variables: config.Environment.Variables }),
        // Tags that could not be read are left out (the rule that reads them is not verified, see verification.ts).
        ...(tags !== undefined ? { tags: { ...tags }, tags_all: { ...tags } } : {}),
      }),
    );
    if (policy !== undefined) {
      const statements = permissionStatements(policy);
      if (statements === undefined) problems.push(`${label}: its resource policy is not JSON`);
      for (const [i, s] of (statements ?? []).entries()) {
        if (s.Effect !== "Allow") continue;
        const p = s.Principal;
        const principal = typeof p === "string" ? p : (first(p?.Service) ?? first(p?.AWS) ?? "");
        const arnLike = s.Condition?.["ArnLike"]?.["AWS:SourceArn"] ?? s.Condition?.["ArnEquals"]?.["AWS:SourceArn"];
        const account = s.Condition?.["StringEquals"]?.["AWS:SourceAccount"];
        out.push(
          resource("aws_lambda_permission", `${label} permission ${s.Sid ?? String(i)}`, {
            id: s.Sid ?? String(i),
            statement_id: s.Sid ?? String(i),
            action: first(s.Action) ?? "",
            function_name: arn,
            principal,
            source_arn: first(arnLike) ?? null,
            source_account: first(account) ?? null,
          }),
        );
      }
    }
    for (const u of urls) {
      out.push(
        resource("aws_lambda_function_url", `${label} url ${u.FunctionUrl ?? ""}`, {
          id: name,
          function_name: u.FunctionArn ?? arn,
          authorization_type: u.AuthType ?? "",
          function_url: u.FunctionUrl ?? "",
        }),
      );
    }
  }
  return { resources: out, problems };
}
