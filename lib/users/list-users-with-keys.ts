import "server-only";
import type { Db } from "@/lib/db";

/** Accounts with their API keys (never the keys themselves), for the users admin page. */
export function listUsersWithKeys(db: Db) {
  return db.user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      lastSignInAt: true,
      createdAt: true,
      oidcSubject: true,
      apiKeys: { orderBy: { createdAt: "desc" }, select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
    },
  });
}
