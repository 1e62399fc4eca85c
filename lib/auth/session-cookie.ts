import "server-only";
import type { NextRequest } from "next/server";

/** Cookie attributes for the session: unreadable by scripts, same-site, and Secure whenever the request came over HTTPS. */
export function sessionCookieOptions(request: NextRequest, expires: Date) {
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return { httpOnly: true, sameSite: "lax" as const, secure: https, path: "/", expires };
}
