import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/sqlite/enums";

/**
 * Changes an account's role or disables/re-enables it. Disabling signs the
 * account out everywhere and stops its API keys working. The last active admin
 * can be neither demoted nor disabled, so the console never loses its admins.
 */
export async function updateUser(db: Db, options: { userId: string; role?: Role; disabled?: boolean; actorId: string }) {
  const user = await db.user.findUnique({ where: { id: options.userId } });
  if (!user) throw new AppError("not_found", "There is no such account.");
  const losesAdmin = user.role === "admin" && !user.disabledAt && ((options.role && options.role !== "admin") || options.disabled);
  if (losesAdmin && (await db.user.count({ where: { role: "admin", disabledAt: null } })) <= 1) {
    throw new AppError("conflict", "This is the last active admin account. Make another account an admin first.");
  }
  const disabledAt = options.disabled === undefined ? user.disabledAt : options.disabled ? (user.disabledAt ?? new Date()) : null;
  const role = options.role ?? user.role;
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role, disabledAt },
      select: { id: true, email: true, name: true, role: true, disabledAt: true, lastSignInAt: true, createdAt: true },
    });
    if (disabledAt && !user.disabledAt) await tx.session.deleteMany({ where: { userId: user.id } });
    const changes = [role !== user.role && `role ${user.role} → ${role}`, Boolean(disabledAt) !== Boolean(user.disabledAt) && (disabledAt ? "disabled" : "re-enabled")].filter(Boolean);
    if (changes.length) {
      await recordAdminChange(tx, {
        actorId: options.actorId,
        action: "user.update",
        entityType: "user",
        entityId: user.id,
        summary: `Changed ${user.email}: ${changes.join(", ")}`,
        before: { role: user.role, disabled: Boolean(user.disabledAt) },
        after: { role, disabled: Boolean(disabledAt) },
      });
    }
    return updated;
  });
}
