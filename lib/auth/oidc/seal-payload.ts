import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { getKeyring } from "@/lib/privacy/encryption-keys";

// Small values the browser carries for the server (the sign-on flow cookie, a
// sign-in error message) are sealed with AES-256-GCM: the browser can neither
// read nor forge them. Keys are derived from the encryption keyring with HKDF,
// one per purpose, so a value sealed for one purpose never opens for another.
// The key id travels with the value, so values sealed before a key rotation
// still open.

const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = "v1";

function purposeKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, "cam-sealed-payload", `cam ${purpose}`, 32));
}

/** Seals a JSON value for `purpose`, valid for `ttlMs`; the result is safe in cookies and URLs. */
export function sealPayload(options: { purpose: string; payload: unknown; ttlMs: number }): string {
  const keyring = getKeyring(env());
  const key = purposeKey(keyring.keys.get(keyring.activeId)!, options.purpose);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(options.purpose));
  const plain = JSON.stringify({ payload: options.payload, expiresAt: Date.now() + options.ttlMs });
  const sealed = Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${FORMAT}.${keyring.activeId}.${sealed.toString("base64url")}`;
}

/** The value sealed for `purpose`, or null if it is malformed, forged, sealed for another purpose or expired. */
export function openSealedPayload(options: { purpose: string; sealed: string | undefined }): unknown {
  const [format, keyId, data, ...rest] = options.sealed?.split(".") ?? [];
  if (format !== FORMAT || !keyId || !data || rest.length) return null;
  const master = getKeyring(env()).keys.get(keyId);
  const bytes = Buffer.from(data, "base64url");
  if (!master || bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", purposeKey(master, options.purpose), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(options.purpose));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    const opened = JSON.parse(plain.toString("utf8")) as { payload: unknown; expiresAt: number };
    return opened.expiresAt > Date.now() ? opened.payload : null;
  } catch {
    // A wrong tag (forged or altered value) or undecodable content.
    return null;
  }
}
