import { NextResponse } from "next/server";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";
import { endSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { route } from "@/lib/http";

/** Ends the session and clears its cookie; harmless when already signed out. */
export const POST = route({
  access: "public",
  handler: async ({ request }) => {
    await endSession(getDb(), request.cookies.get(SESSION_COOKIE)?.value);
    const response = NextResponse.json({ signedOut: true });
    response.cookies.set(SESSION_COOKIE, "", sessionCookieOptions(request, new Date(0)));
    return response;
  },
});
