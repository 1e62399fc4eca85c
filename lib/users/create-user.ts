import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import { hashPassword } from "@/lib/auth/passwords";
import { type Db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CreateUserBody } from "@/lib/schemas/users";

/** A user as the rest of the app sees it: never with the password hash. */
export type PublicUser = { id: string; email: string; name: string; role: CreateUserBody["role"]; createdAt: Date };

const alreadyExists = (email: string) =>
  new AppError("conflict", `An account with the email ${email} already exists. Use another email, or sign in with that account.`);

/** Creates an account and records who created it. */
export async function createUser(db: Db, input: CreateUserBody, actorId: string | null): Promise<PublicUser> {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw alreadyExists(input.email);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: { id: true, email: true, name: true, role: true, createdAt: true },
      });
      await recordAdminChange(tx, {
        actorId,
        action: "user.create",
        entityType: "user",
        entityId: user.id,
        summary: `Created the ${user.role} account ${user.email}`,
        after: { email: user.email, name: user.name, role: user.role },
      });
      return user;
    });
  } catch (error) {
    // Two requests for the same email can both pass the check above; the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw alreadyExists(input.email);
    throw error;
  }
}
