import { NextResponse } from "next/server";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";
import { signInBodySchema } from "@/lib/schemas/auth";

/** Checks credentials and sets the session cookie. */
export const POST = route({
  access: "public",
  body: signInBodySchema,
  maxBodyBytes: 4 * 1024,
  handler: async ({ body, request }) => {
    const session = await signIn(getDb(), body);
    const response = NextResponse.json({ user: session.user });
    response.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(request, session.expiresAt));
    return response;
  },
});
