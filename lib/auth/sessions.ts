import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/sqlite/enums";

// Sessions are random 256-bit tokens kept in an http-only cookie. The database
// stores only their SHA-256, so a copy of the database cannot sign anyone in.

export const SESSION_COOKIE = "cam_session";

/** Who is making a request. */
export type Caller = { userId: string; email: string; name: string; role: Role; sessionId: string };

/** How stale lastSeenAt may get before a request refreshes it (saves a write per request). */
const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Starts a session for a user and returns the token for the cookie. */
export async function createSession(db: Db, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + env().SESSION_TTL_HOURS * 3_600_000);
  await db.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

/** The caller a session token belongs to, or null if it is unknown, expired or its account disabled. */
export async function findCaller(db: Db, token: string | undefined): Promise<Caller | null> {
  if (!token || token.length > 100) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  const now = Date.now();
  if (!session || session.expiresAt.getTime() <= now || session.user.disabledAt) return null;
  if (now - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  const { user } = session;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.id };
}

/** Ends the session a token belongs to, if any. */
export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}
