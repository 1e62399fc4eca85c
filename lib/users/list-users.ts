import "server-only";
import type { Db } from "@/lib/db";

/** Every account, newest first, without password hashes. */
export function listUsers(db: Db) {
  return db.user.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, lastSignInAt: true, createdAt: true, oidcSubject: true },
  });
}
