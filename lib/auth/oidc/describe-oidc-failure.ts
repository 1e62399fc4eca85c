import "server-only";
import { AuthorizationResponseError, ClientError, ResponseBodyError, WWWAuthenticateChallengeError } from "openid-client";
import type { OidcSettings } from "@/lib/auth/oidc/oidc-settings";
import { AppError } from "@/lib/errors";

// Turns what openid-client throws into a message for the person signing in:
// what happened and what to do next. The original error stays as the cause
// for the server log.

const ADMIN_HINT = "If it keeps happening, ask an administrator to check the single sign-on settings (the server log has the details).";

/** Provider error codes (RFC 6749, OpenID Connect) that mean "try again later". */
const TRANSIENT = new Set(["server_error", "temporarily_unavailable"]);

/** A provider's description, short, on one line and without a closing full stop (it is quoted inside a sentence). */
const quote = (text: string | undefined) => (text ? `: ${text.replace(/\s+/g, " ").trim().slice(0, 200).replace(/\.$/, "")}` : "");

/** An AppError describing a failed exchange with the provider. */
export function describeOidcFailure(error: unknown, settings: OidcSettings): AppError {
  if (error instanceof AppError) return error;
  const name = settings.displayName;
  const fail = (code: ConstructorParameters<typeof AppError>[0], message: string) => new AppError(code, message, { cause: error });

  if (error instanceof AuthorizationResponseError) {
    if (error.error === "access_denied") {
      return fail("forbidden", `${name} did not let you sign in (access_denied${quote(error.error_description)}). If you cancelled, start again; if you should have access to CAM, ask an administrator.`);
    }
    const next = TRANSIENT.has(error.error) ? "Try again in a few minutes." : "Try again.";
    return fail("bad_gateway", `${name} could not sign you in (${error.error}${quote(error.error_description)}). ${next} ${ADMIN_HINT}`);
  }
  if (error instanceof WWWAuthenticateChallengeError || (error instanceof ResponseBodyError && ["invalid_client", "unauthorized_client"].includes(error.error))) {
    const detail = error instanceof ResponseBodyError ? `${error.error}${quote(error.error_description)}` : `HTTP ${error.status}`;
    return fail("config_invalid", `${name} refused CAM's client credentials (${detail}). An administrator needs to check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET against the client registered with the provider.`);
  }
  if (error instanceof ResponseBodyError) {
    if (error.error === "invalid_grant") {
      return fail("bad_request", `${name} refused the sign-in code as expired or already used (invalid_grant${quote(error.error_description)}). Start again.`);
    }
    return fail("bad_gateway", `${name} refused to complete the sign-in (HTTP ${error.status}, ${error.error}${quote(error.error_description)}). Try again. ${ADMIN_HINT}`);
  }
  if (isUnreachable(error)) {
    return fail("service_unavailable", `Cannot reach ${name} at ${settings.issuer}. Try again in a few minutes. ${ADMIN_HINT}`);
  }
  if (error instanceof ClientError && error.code === "OAUTH_HTTP_REQUEST_FORBIDDEN") {
    return fail("config_invalid", `Single sign-on is misconfigured: the provider must use https (only a provider on this machine may use plain http). An administrator needs to correct OIDC_ISSUER (${settings.issuer}).`);
  }
  if (error instanceof ClientError && (error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_RESPONSE_IS_NOT_JSON")) {
    // openid-client keeps the provider's Response as the cause: an outage page, a proxy error, a wrong OIDC_ISSUER.
    const status = (error.cause as { status?: unknown } | undefined)?.status;
    const detail = typeof status === "number" ? `HTTP ${status}` : "an unexpected reply";
    return fail("bad_gateway", `${name} did not answer as expected (${detail}). Try again in a few minutes. ${ADMIN_HINT}`);
  }
  if (error instanceof ClientError) {
    return fail("bad_gateway", `${name} answered in a way CAM could not verify (${error.message}), so the sign-in was refused. Try again. ${ADMIN_HINT}`);
  }
  return fail("internal", `Single sign-on failed because of an unexpected problem on our side. Try again. ${ADMIN_HINT}`);
}

/** Refused connections, unknown hosts and timeouts: fetch throws TypeError; openid-client reports timeouts with its own code. */
function isUnreachable(error: unknown): boolean {
  if (error instanceof TypeError && error.message === "fetch failed") return true;
  return error instanceof ClientError && (error.code === "OAUTH_TIMEOUT" || error.code === "OAUTH_ABORT");
}
