import { type NextRequest, NextResponse } from "next/server";
import { permissionForPage } from "@/lib/auth/page-permissions";
import { can } from "@/lib/auth/permissions";
import { findCaller, SESSION_COOKIE } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";

// Runs before every page (not API routes or static files):
// 1. console pages need a valid session (else sign-in, and back afterwards)
//    and their permission (else 403 with the forbidden page), decided here so
//    the status is right; pages check again themselves;
// 2. a strict Content-Security-Policy with a fresh nonce for each page, so
//    only this app's own scripts run: an injected <script> or onerror=
//    attribute in a question or a model answer cannot.

/**
 * Scripts: only those carrying this response's nonce, and what they load
 * ('strict-dynamic'). Style attributes are allowed ('unsafe-inline'): charts
 * position elements with them, and styles cannot run code. Nothing may frame
 * the console, and forms post only to it.
 */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Where to send a request for a console page that the caller may not see; null to render it. */
async function refusal(request: NextRequest): Promise<{ redirect: URL } | { forbidden: true } | null> {
  const path = request.nextUrl.pathname;
  const permission = permissionForPage(path);
  if (!permission) return null;
  const caller = await findCaller(getDb(), request.cookies.get(SESSION_COOKIE)?.value);
  if (!caller) {
    const signIn = new URL("/sign-in", request.url);
    if (path !== "/") signIn.searchParams.set("next", `${path}${request.nextUrl.search}`);
    return { redirect: signIn };
  }
  return permission === "signed-in" || can(caller.role, permission) ? null : { forbidden: true };
}

export async function proxy(request: NextRequest) {
  const refused = await refusal(request);
  if (refused && "redirect" in refused) return NextResponse.redirect(refused.redirect);

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  // Next.js reads the policy from the request to put the nonce on its own scripts.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const forbidden = new URL("/forbidden", request.url);
  forbidden.searchParams.set("from", request.nextUrl.pathname);
  const response = refused
    ? NextResponse.rewrite(forbidden, { status: 403, request: { headers } })
    : NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: API routes answer JSON (and set their own policy where they serve HTML); assets carry no user content.
  matcher: ["/((?!api/|v1/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
