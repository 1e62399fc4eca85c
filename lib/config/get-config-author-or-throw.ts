import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * The account an import from the command line is recorded under, by email:
 * drafts need an author, so that someone else approves them. The account must
 * be enabled and allowed to change rules and settings.
 */
export async function getConfigAuthorOrThrow(db: Db, email: string): Promise<{ id: string; email: string }> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, role: true, disabledAt: true } });
  if (!user) throw new AppError("not_found", `There is no account ${email}. Pass --author with the email of the admin responsible for this import (see \`cam users list\`).`);
  if (user.disabledAt || !can(user.role, "config.write")) {
    const why = user.disabledAt ? " (it is disabled)" : "";
    throw new AppError("forbidden", `The account ${user.email} may not change rules and settings${why}. Pass --author with an enabled admin's email.`);
  }
  return { id: user.id, email: user.email };
}
