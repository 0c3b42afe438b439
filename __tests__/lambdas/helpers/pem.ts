import { KEYS } from "./tokens";

/** The public key as PEM: what an HS256 "key confusion" attacker would use as the HMAC secret. */
export const publicKeyPem = (): string => KEYS.publicKey.export({ format: "pem", type: "spki" }).toString();
