import "server-only";
import { NextResponse } from "next/server";
import { SIGN_IN_ERROR_PARAM, sealSignInError } from "@/lib/auth/oidc/sign-in-error";
import { describeError } from "@/lib/http";
import { logger } from "@/lib/logger";

/**
 * Sends the browser back to the sign-in page with a message saying what went
 * wrong, instead of an error page: a sign-on failure is something the person
 * can act on. Unexpected errors are logged with the request id and described
 * generically (lib/http.ts describeError); expected refusals are logged as warnings.
 */
export function signInErrorRedirect(options: { error: unknown; next: string; requestId: string }): NextResponse {
  const { status, body } = describeError(options.error, options.requestId);
  if (status < 500) {
    logger().warn({ requestId: options.requestId, code: body.error.code, reason: body.error.message }, "single sign-on refused");
  }
  const query = new URLSearchParams();
  if (options.next !== "/") query.set("next", options.next);
  query.set(SIGN_IN_ERROR_PARAM, sealSignInError(body.error.message));
  // A relative Location: the browser resolves it against the address it used, whatever proxies sit between.
  return new NextResponse(null, { status: 303, headers: { location: `/sign-in?${query}` } });
}
