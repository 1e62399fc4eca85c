import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import type { Caller } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// API keys let scripts and OpenAI-compatible clients act as a user. A key is
// shown once when created; the database keeps only its SHA-256 and a short
// prefix for recognising it. Revoked keys stop working at once.

/** Recognisable start of every key, so leaked keys can be found by secret scanners. */
export const API_KEY_PREFIX = "cam_";
/** Characters of a key (after "cam_") kept in the clear, to tell keys apart in lists. */
const SHOWN_CHARACTERS = 6;
/** How stale lastUsedAt may get before a request refreshes it (saves a write per request). */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Creates a key for a user; the returned `key` is the only time it is available. */
export async function createApiKey(db: Db, options: { userId: string; name: string; actorId: string | null }) {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = key.slice(0, API_KEY_PREFIX.length + SHOWN_CHARACTERS);
  return db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { userId: options.userId, name: options.name, prefix, keyHash: hashKey(key) },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    await recordAdminChange(tx, {
      actorId: options.actorId,
      action: "api_key.create",
      entityType: "api_key",
      entityId: created.id,
      summary: `Created API key "${options.name}" (${prefix}…) for user ${options.userId}`,
    });
    return { ...created, key };
  });
}

/** The caller an API key belongs to, or null if it is unknown, revoked, or its account disabled. */
export async function findApiKeyCaller(db: Db, key: string): Promise<Caller | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 100) return null;
  const found = await db.apiKey.findUnique({ where: { keyHash: hashKey(key) }, include: { user: true } });
  if (!found || found.revokedAt || found.user.disabledAt) return null;
  const now = Date.now();
  if (!found.lastUsedAt || now - found.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: found.id }, data: { lastUsedAt: new Date(now) } });
  }
  const { user } = found;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, sessionId: `api-key:${found.id}` };
}

/** Revokes a key; revoking an already revoked key is refused so the log stays truthful. */
export async function revokeApiKey(db: Db, options: { id: string; actorId: string | null }): Promise<void> {
  const existing = await db.apiKey.findUnique({ where: { id: options.id } });
  if (!existing) throw new AppError("not_found", `There is no API key with id ${options.id}. List keys with \`cam users api-key list\`.`);
  if (existing.revokedAt) throw new AppError("conflict", `API key ${existing.prefix}… was already revoked on ${existing.revokedAt.toISOString()}.`);
  await db.$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id: options.id }, data: { revokedAt: new Date() } });
    await recordAdminChange(tx, {
      actorId: options.actorId,
      action: "api_key.revoke",
      entityType: "api_key",
      entityId: options.id,
      summary: `Revoked API key "${existing.name}" (${existing.prefix}…)`,
    });
  });
}

/** Keys, newest first, optionally for one user; never the keys themselves. */
export function listApiKeys(db: Db, options: { userId?: string } = {}) {
  return db.apiKey.findMany({
    where: options.userId ? { userId: options.userId } : {},
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, user: { select: { email: true } } },
  });
}
