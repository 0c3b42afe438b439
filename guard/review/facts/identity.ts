// Identity facts: group-role trust, user pools (from the typed settings), app clients (token lifetimes, scopes). Pure: a Model in, plain data out.
import { isUnknown, type Model, type Val, stackOf } from "../../model";
import { asArray } from "../../load/json";
import { referenceNormalizer, valueText } from "./labels";

// ---- group-role trust ----

export interface TrustFacts {
  readonly key: string;
  readonly address: string;
  /** `Service:lambda.amazonaws.com`, `AWS:arn:...`, `*:*`. */
  readonly principals: readonly string[];
  /** `StringEquals cognito-identity.amazonaws.com:aud`. */
  readonly conditions: readonly string[];
  readonly unknown: boolean;
}

export function trustFacts(model: Model): TrustFacts[] {
  const references = referenceNormalizer(model);
  // Roles Cognito groups hand out: their trust decides who can become a group member's role.
  return model.iamRoles
    .filter((r) => r.cognitoGroups.length > 0)
    .map((r) => {
      const doc = r.trustPolicy;
      if (isUnknown(doc)) return { key: valueText(r.name), address: r.address, principals: [], conditions: [], unknown: true };
      const allows = doc.statements.filter((s) => s.effect === "Allow");
      const ref = (v: Val<string>) => references(stackOf(r), valueText(v));
      const principals = allows.flatMap((s) => s.principals.flatMap((p) => p.ids.map((id) => `${p.type}:${ref(id)}`)));
      const conditions = allows.flatMap((s) => s.conditions.map((c) => `${c.operator} ${c.key} = ${c.values.map(ref).sort().join(",")}`));
      return {
        key: valueText(r.name),
        address: r.address,
        principals: [...new Set(principals)].sort(),
        conditions: [...new Set(conditions)].sort(),
        unknown: false,
      };
    });
}

// ---- Cognito user pools and clients ----

export interface PoolFacts {
  readonly key: string;
  readonly address: string;
  /** ON, OPTIONAL, OFF (Terraform's default), or how it is known after apply. */
  readonly mfa: string;
  /** The password policy Cognito enforces (the model's typed settings: Cognito's defaults applied); undefined = known only after apply. */
  readonly password: {
    readonly minimumLength?: number;
    readonly requireLowercase?: boolean;
    readonly requireUppercase?: boolean;
    readonly requireNumbers?: boolean;
    readonly requireSymbols?: boolean;
    readonly temporaryPasswordValidityDays?: number;
  };
  /** OFF, AUDIT, ENFORCED. */
  readonly advancedSecurity: string;
  /** Self sign-up is off; false also when known only after apply (fails closed). */
  readonly adminCreateUserOnly: boolean;
}

/** The value, or undefined while it is known only after apply. */
const ifKnown = <T>(v: Val<T>): T | undefined => (isUnknown(v) ? undefined : v);

export function poolFacts(model: Model): PoolFacts[] {
  return model.userPools.map((p) => {
    const st = p.settings;
    const pw = st.effectivePassword;
    return {
      key: valueText(p.name),
      address: p.address,
      mfa: valueText(st.mfa),
      password: {
        minimumLength: ifKnown(pw.minimumLength),
        requireLowercase: ifKnown(pw.requireLowercase),
        requireUppercase: ifKnown(pw.requireUppercase),
        requireNumbers: ifKnown(pw.requireNumbers),
        requireSymbols: ifKnown(pw.requireSymbols),
        temporaryPasswordValidityDays: ifKnown(pw.temporaryPasswordValidityDays),
      },
      advancedSecurity: st.advancedSecurityMode === undefined ? "OFF" : valueText(st.advancedSecurityMode),
      adminCreateUserOnly: st.adminCreateUserOnly === true,
    };
  });
}

export interface ClientFacts {
  readonly key: string;
  readonly address: string;
  /** Token lifetimes in minutes (Terraform's defaults applied by the loader); undefined = known only after apply. */
  readonly idTokenMinutes?: number;
  readonly accessTokenMinutes?: number;
  readonly refreshTokenMinutes?: number;
  readonly scopes: readonly string[];
}

export function clientFacts(model: Model): ClientFacts[] {
  return model.userPoolClients.map((c) => {
    const scopes = asArray(c.resource.values["allowed_oauth_scopes"]).map((s) => valueText(s as Val<string>));
    const t = c.tokenValidity;
    return {
      key: valueText(c.name),
      address: c.address,
      idTokenMinutes: ifKnown(t.idMinutes),
      accessTokenMinutes: ifKnown(t.accessMinutes),
      refreshTokenMinutes: ifKnown(t.refreshMinutes),
      scopes: [...new Set(scopes)].sort(),
    };
  });
}
