import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { Keyring } from "@/lib/privacy/encryption-keys";

// Text that can hold health information is stored sealed: AES-256-GCM with a
// fresh 96-bit nonce, the key's id kept with the value so keys can rotate, and
// the column's name as associated data so a value cannot be moved to another
// column unnoticed. Formats:
//   sealed     "cam1.<keyId>.<nonce>.<ciphertext>.<tag>"   (base64url parts)
//   destroyed  "cam0.<date>.<digest>"  after the retention period; the digest
//              (see textDigest) keeps the audit chain verifiable.

/** Columns whose text is sealed at rest. */
export type SealedColumn =
  | "Exchange.question"
  | "Exchange.prompt"
  | "Exchange.rawAnswer"
  | "Exchange.finalAnswer"
  | "Finding.evidence"
  | "JudgeScore.reasoning";

const SEALED = "cam1";
const DESTROYED = "cam0";

/** Seals text with the keyring's active key. */
export function sealText(keyring: Keyring, column: SealedColumn, text: string): string {
  const key = keyring.keys.get(keyring.activeId)!;
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(column));
  const ciphertext = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return [SEALED, keyring.activeId, nonce.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** Seals text that may be absent. */
export function sealOptional(keyring: Keyring, column: SealedColumn, text: string | null | undefined): string | null {
  return text == null ? null : sealText(keyring, column, text);
}

/** The text was destroyed under the retention policy; holds when and the digest of what it was. */
export type DestroyedText = { destroyedOn: string; digest: string };

/** Reads a destroyed marker, or null when the value is not one. */
export function readDestroyed(value: string): DestroyedText | null {
  const [format, destroyedOn, digest] = value.split(".");
  return format === DESTROYED && destroyedOn && digest ? { destroyedOn, digest } : null;
}

/** The marker that replaces sealed text once the retention period has passed. */
export function destroyedMarker(destroyedOn: Date, digest: string): string {
  return [DESTROYED, destroyedOn.toISOString().slice(0, 10), digest].join(".");
}

/**
 * Opens sealed text. Throws AppError when the key is not in the keyring or the
 * value was altered (GCM's tag fails): either way the text cannot be trusted.
 */
export function openText(keyring: Keyring, column: SealedColumn, value: string): string {
  const [format, keyId = "", nonce = "", ciphertext = "", tag = ""] = value.split(".");
  if (format !== SEALED) throw new AppError("internal", `${column} holds a value that is not sealed text; the record may have been altered.`);
  const key = keyring.keys.get(keyId);
  if (!key) {
    throw new AppError("config_invalid", `${column} was sealed with key "${keyId}", which is not in the keyring. Add that key back (after the active one) to read it.`);
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
    decipher.setAAD(Buffer.from(column));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new AppError("internal", `${column} failed its integrity check: the stored value was altered or damaged.`, { cause: error });
  }
}

/**
 * What a reader sees for a sealed column: the text, or a note that it was
 * destroyed. Text stored before sealing existed is shown as it is; `cam keys
 * rotate` seals it.
 */
export function openForDisplay(keyring: Keyring, column: SealedColumn, value: string): string {
  const destroyed = readDestroyed(value);
  if (destroyed) return `[Removed on ${destroyed.destroyedOn} under the retention policy]`;
  return sealedKeyId(value) ? openText(keyring, column, value) : value;
}

/** Opens text that may be absent. */
export function openOptional(keyring: Keyring, column: SealedColumn, value: string | null): string | null {
  return value == null ? null : openForDisplay(keyring, column, value);
}

/** The id of the key a value was sealed with, or null for destroyed or unsealed values. */
export function sealedKeyId(value: string): string | null {
  const [format, keyId] = value.split(".");
  return format === SEALED && keyId ? keyId : null;
}

/**
 * A digest of text bound to its record and column, which the audit chain hashes
 * instead of the text: it survives key rotation and the text's destruction, and
 * the salt stops equal texts in different records from sharing a digest.
 */
export function textDigest(recordId: string, column: SealedColumn, text: string): string {
  return createHash("sha256").update(`${column}\u0000${recordId}\u0000${text}`).digest("hex");
}
