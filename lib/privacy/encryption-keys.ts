import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

// The keys that seal health information at rest. A keyring lists keys as
// "id:base64" (32 random bytes each); the first is the active one that seals
// new text, the others still open text sealed before a rotation. Keys come from
// CAM_ENCRYPTION_KEYS, else from CAM_ENCRYPTION_KEY_FILE.

export type Keyring = { activeId: string; keys: ReadonlyMap<string, Buffer> };

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

/** Parses "id:base64" entries separated by commas or new lines; `origin` names where they came from in errors. */
export function parseKeyring(text: string, origin: string): Keyring {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry && !entry.startsWith("#"));
  if (!entries.length) throw keyError(`${origin} holds no keys.`);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const [id = "", encoded = ""] = entry.split(":");
    const key = Buffer.from(encoded, "base64");
    if (!KEY_ID.test(id)) throw keyError(`${origin} has a key whose id "${id}" is not 1-32 letters, digits, - or _.`);
    if (key.length !== KEY_BYTES) throw keyError(`${origin} key "${id}" is ${key.length} bytes; AES-256 keys are 32 bytes of base64.`);
    if (keys.has(id)) throw keyError(`${origin} lists key "${id}" twice.`);
    keys.set(id, key);
  }
  return { activeId: entries[0]!.split(":")[0]!, keys };
}

/** A new key entry, "id:base64", with an id from today's date unless one is given. */
export function generateKeyEntry(id = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}${randomBytes(2).toString("hex")}`): string {
  return `${id}:${randomBytes(KEY_BYTES).toString("base64")}`;
}

function keyError(problem: string): AppError {
  return new AppError(
    "config_invalid",
    `${problem} Generate a key with \`npm run cam -- keys generate\` and put it first in CAM_ENCRYPTION_KEYS or the key file.`,
  );
}

/**
 * The embedded default (SQLite, or any non-production run) creates its key file
 * on first use so `npm start` works out of the box. A production PostgreSQL
 * deployment must be given its keys: instances that each made their own could
 * not read each other's records.
 */
function mayCreateKeyFile(config: Env): boolean {
  return config.DATABASE_URL.provider === "sqlite" || config.NODE_ENV !== "production";
}

function createKeyFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const header = "# CAM encryption keys: the first line seals new text. Back this file up; without it stored questions cannot be read.\n";
  try {
    writeFileSync(file, `${header}${generateKeyEntry()}\n`, { mode: 0o600, flag: "wx" });
    logger().warn({ file: relative(process.cwd(), file) }, "created a new encryption key file; back it up and keep it apart from the database");
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

let cached: { source: string; keyring: Keyring } | undefined;

/**
 * The keyring of this process, from the environment or the key file (created
 * for the embedded default). A key file is read again whenever it changes, so
 * running servers seal with the new key as soon as `cam keys rotate` adds it.
 */
export function getKeyring(config: Env): Keyring {
  if (config.CAM_ENCRYPTION_KEYS) {
    const source = `env:${config.CAM_ENCRYPTION_KEYS}`;
    if (cached?.source !== source) cached = { source, keyring: parseKeyring(config.CAM_ENCRYPTION_KEYS, "CAM_ENCRYPTION_KEYS") };
    return cached.keyring;
  }
  const file = config.CAM_ENCRYPTION_KEY_FILE;
  if (!existsSync(file)) {
    if (!mayCreateKeyFile(config)) throw keyError(`No encryption keys: CAM_ENCRYPTION_KEYS is unset and ${file} does not exist.`);
    createKeyFile(file);
  }
  const { mtimeMs, size } = statSync(file);
  const source = `file:${file}:${mtimeMs}:${size}`;
  if (cached?.source !== source) cached = { source, keyring: parseKeyring(readFileSync(file, "utf8"), file) };
  return cached.keyring;
}
