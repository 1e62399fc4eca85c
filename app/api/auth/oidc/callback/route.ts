import { NextResponse } from "next/server";
import { completeOidcSignIn } from "@/lib/auth/oidc/complete-oidc-sign-in";
import { expiredOidcFlowCookieOptions, OIDC_FLOW_COOKIE, openOidcFlow } from "@/lib/auth/oidc/oidc-flow";
import { oidcCallbackUrl } from "@/lib/auth/oidc/oidc-callback-url";
import { requireOidcSettings } from "@/lib/auth/oidc/oidc-settings";
import { signInErrorRedirect } from "@/lib/auth/oidc/sign-in-error-redirect";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { route } from "@/lib/http";

/** The provider's return address: completes single sign-on, sets the session cookie and goes where the person was headed. */
export const GET = route({
  access: "public",
  handler: async ({ request, requestId }) => {
    const settings = requireOidcSettings(env());
    const flow = openOidcFlow(request.cookies.get(OIDC_FLOW_COOKIE)?.value);
    const callbackUrl = oidcCallbackUrl(settings, request);
    callbackUrl.search = request.nextUrl.search;
    let response: NextResponse;
    try {
      const session = await completeOidcSignIn({ db: getDb(), settings, flow, callbackUrl });
      response = new NextResponse(null, { status: 303, headers: { location: session.next } });
      response.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(request, session.expiresAt));
    } catch (error) {
      response = signInErrorRedirect({ error, next: flow?.next ?? "/", requestId });
    }
    response.cookies.set(OIDC_FLOW_COOKIE, "", expiredOidcFlowCookieOptions(request));
    return response;
  },
});
