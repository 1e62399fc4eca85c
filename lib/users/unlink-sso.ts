import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Unlinks an account from its single sign-on identity, for when a person's
 * identity at the provider changed (a new directory, a recreated account) or
 * was linked by mistake. The account is signed out everywhere, since a session
 * may have come from that identity. The next single sign-on with a verified
 * email address links the account again (find-oidc-account.ts). Recorded in
 * the admin-change log. Contract: the actor may manage users (null: the CLI).
 */
export async function unlinkSso(db: Db, options: { userId: string; actorId: string | null }) {
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { id: true, email: true, oidcSubject: true } });
  if (!user) throw new AppError("not_found", "There is no such account. Reload the list of accounts.");
  if (!user.oidcSubject) throw new AppError("conflict", `${user.email} is not linked to a single sign-on identity, so there is nothing to unlink.`);
  const subject = user.oidcSubject;
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: user.id }, data: { oidcSubject: null }, select: { id: true, email: true } });
    const sessions = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAdminChange(tx, {
      actorId: options.actorId,
      action: "user.unlink_sso",
      entityType: "user",
      entityId: user.id,
      summary: `Unlinked ${user.email} from the single sign-on identity ${subject} and signed it out everywhere (${sessions.count} session(s))`,
      before: { oidcSubject: subject },
      after: { oidcSubject: null },
    });
    return updated;
  });
}
