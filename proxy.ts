import { type NextRequest, NextResponse } from "next/server";

// A fast first check for console pages: without a session cookie there is no
// point rendering them, so go straight to sign-in and come back afterwards.
// Pages still verify the session itself (lib/auth/current-caller.ts).

const SESSION_COOKIE = "cam_session";

export function proxy(request: NextRequest) {
  if (request.cookies.has(SESSION_COOKIE)) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  const path = request.nextUrl.pathname;
  if (path !== "/") signIn.searchParams.set("next", `${path}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/", "/playground/:path*", "/audit/:path*", "/runs/:path*", "/dashboard/:path*", "/admin/:path*"],
};
