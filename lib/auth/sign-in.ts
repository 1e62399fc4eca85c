import "server-only";
import { verifyAgainstNothing, verifyPassword } from "@/lib/auth/passwords";
import { createSession } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SignInBody } from "@/lib/schemas/auth";

// One message for every failure, so sign-in does not reveal which accounts exist.
const REFUSED = "The email or password is incorrect, or the account is disabled. Check them and try again, or ask an administrator.";

/** Checks credentials and starts a session. Throws AppError("unauthenticated") on any failure. */
export async function signIn(db: Db, credentials: SignInBody) {
  const user = await db.user.findUnique({ where: { email: credentials.email } });
  if (!user?.passwordHash) {
    await verifyAgainstNothing(credentials.password);
    throw new AppError("unauthenticated", REFUSED);
  }
  const valid = await verifyPassword(user.passwordHash, credentials.password);
  if (!valid || user.disabledAt) throw new AppError("unauthenticated", REFUSED);

  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  const session = await createSession(db, user.id);
  return { ...session, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
