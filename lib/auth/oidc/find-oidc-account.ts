import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import type { OidcClaims } from "@/lib/auth/oidc/oidc-claims";
import type { OidcSettings } from "@/lib/auth/oidc/oidc-settings";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Which CAM account a person who signed in at the provider is:
//  1. the account already linked to their subject ("issuer|sub");
//  2. else the account with their email, only when the provider verified that
//     email (an unverified address would let anyone claim any account); the
//     subject is then linked to it;
//  3. else a new account with OIDC_DEFAULT_ROLE, when that is set;
//  4. else none: an administrator has to create one.
// Disabled accounts are refused whichever way they were found.

const accountSelect = { id: true, email: true, name: true, role: true, disabledAt: true, oidcSubject: true } as const;

/** The account for verified claims; links or creates it as described above. Throws AppError when there is none. */
export async function findOidcAccount(db: Db, options: { claims: OidcClaims; settings: OidcSettings }) {
  const { claims, settings } = options;
  const subject = `${claims.iss}|${claims.sub}`;
  const linked = await db.user.findUnique({ where: { oidcSubject: subject }, select: accountSelect });
  if (linked) return usable(linked);

  const email = claims.email;
  const byEmail = email ? await db.user.findUnique({ where: { email }, select: accountSelect }) : null;
  if (byEmail) {
    if (claims.email_verified !== true) {
      throw new AppError(
        "forbidden",
        `${settings.displayName} has not verified the email address ${byEmail.email}, so CAM cannot match it to the CAM account with that address. Verify the address with ${settings.displayName}, or sign in with your email and password.`,
      );
    }
    if (byEmail.oidcSubject) {
      throw new AppError(
        "forbidden",
        `The CAM account for ${byEmail.email} is already linked to a different ${settings.displayName} identity. Sign in with that identity, or ask an administrator to unlink it (Admin → Users), then sign in again.`,
      );
    }
    usable(byEmail);
    return db.$transaction(async (tx) => {
      const updated = await tx.user.update({ where: { id: byEmail.id }, data: { oidcSubject: subject }, select: accountSelect });
      await recordAdminChange(tx, {
        actorId: byEmail.id,
        action: "user.link_sso",
        entityType: "user",
        entityId: byEmail.id,
        summary: `Linked ${byEmail.email} to the single sign-on identity ${subject} at its first single sign-on (verified email)`,
        after: { oidcSubject: subject },
      });
      return updated;
    });
  }

  if (!settings.defaultRole || !email) {
    const who = email ?? `this ${settings.displayName} identity (it shared no email address)`;
    throw new AppError("forbidden", `No CAM account for ${who}; ask an administrator to create one.`);
  }
  return createAccount(db, { email, name: claims.name ?? email, role: settings.defaultRole, subject });
}

async function createAccount(db: Db, input: { email: string; name: string; role: NonNullable<OidcSettings["defaultRole"]>; subject: string }) {
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, oidcSubject: input.subject, passwordHash: null },
        select: accountSelect,
      });
      await recordAdminChange(tx, {
        actorId: null,
        action: "user.create",
        entityType: "user",
        entityId: user.id,
        summary: `Created the ${user.role} account ${user.email} at its first single sign-on (${input.subject})`,
        after: { email: user.email, name: user.name, role: user.role, oidcSubject: input.subject },
      });
      return user;
    });
  } catch (error) {
    // A second tab finishing the same first sign-in at the same moment: the unique indexes decide.
    // Checked by code, not class: the PostgreSQL client has its own error classes.
    if ((error as { code?: unknown }).code === "P2002") {
      throw new AppError("conflict", `The CAM account for ${input.email} was being created by another sign-in at the same moment. Start again.`);
    }
    throw error;
  }
}

function usable<T extends { email: string; disabledAt: Date | null }>(user: T): T {
  if (user.disabledAt) {
    throw new AppError("forbidden", `The CAM account for ${user.email} is disabled. Ask an administrator to enable it.`);
  }
  return user;
}
