import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { can, type Permission } from "@/lib/auth/permissions";
import { type Caller, findCaller, SESSION_COOKIE } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";

// Authentication for Server Components. Every page checks for itself: layouts
// are not re-rendered on client navigation, so a check there alone is not enough.

/** The signed-in caller of the current request, looked up once per request. */
export const getCurrentCaller = cache(async (): Promise<Caller | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return findCaller(getDb(), token);
});

/**
 * The caller and whether they hold a permission; sends anyone not signed in
 * to the sign-in page, which returns them to `path` afterwards.
 */
export async function getPageAccess(path: string, permission: Permission): Promise<{ caller: Caller; allowed: boolean }> {
  const caller = await getCurrentCaller();
  if (!caller) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return { caller, allowed: can(caller.role, permission) };
}
