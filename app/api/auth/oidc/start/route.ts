import { NextResponse } from "next/server";
import { OIDC_FLOW_COOKIE, oidcFlowCookieOptions } from "@/lib/auth/oidc/oidc-flow";
import { oidcCallbackUrl } from "@/lib/auth/oidc/oidc-callback-url";
import { requireOidcSettings } from "@/lib/auth/oidc/oidc-settings";
import { signInErrorRedirect } from "@/lib/auth/oidc/sign-in-error-redirect";
import { startOidcSignIn } from "@/lib/auth/oidc/start-oidc-sign-in";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { env } from "@/lib/env";
import { route } from "@/lib/http";

/** Starts single sign-on: sends the browser to the provider, keeping the attempt in a sealed cookie. 404 when it is not configured. */
export const GET = route({
  access: "public",
  handler: async ({ request, requestId }) => {
    const settings = requireOidcSettings(env());
    const next = safeNextPath(request.nextUrl.searchParams.get("next") ?? undefined);
    try {
      const flow = await startOidcSignIn({ settings, redirectUri: oidcCallbackUrl(settings, request), next });
      const response = NextResponse.redirect(flow.authorizationUrl, 303);
      response.cookies.set(OIDC_FLOW_COOKIE, flow.sealedFlow, oidcFlowCookieOptions(request));
      return response;
    } catch (error) {
      return signInErrorRedirect({ error, next, requestId });
    }
  },
});
