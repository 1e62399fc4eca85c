import "server-only";
import { z } from "zod";
import { openSealedPayload, sealPayload } from "@/lib/auth/oidc/seal-payload";

// A failed sign-on returns to the sign-in page with its message in the URL,
// sealed so that nobody can craft a link that shows their own text on CAM's
// sign-in page.

const PURPOSE = "sign-in-error";
/** Long enough to read and reload the page; a bookmarked failure later shows nothing. */
const MESSAGE_TTL_MS = 10 * 60_000;
/** The sign-in page's query parameter that carries the sealed message. */
export const SIGN_IN_ERROR_PARAM = "sso_error";

/** Seals a message for the sign-in page. */
export function sealSignInError(message: string): string {
  return sealPayload({ purpose: PURPOSE, payload: message, ttlMs: MESSAGE_TTL_MS });
}

/** The message in the sign-in page's parameter, or undefined when there is none, it expired or was not sealed by CAM. */
export function readSignInError(sealed: string | string[] | undefined): string | undefined {
  const value = Array.isArray(sealed) ? sealed[0] : sealed;
  if (!value) return undefined;
  const parsed = z.string().min(1).safeParse(openSealedPayload({ purpose: PURPOSE, sealed: value }));
  return parsed.success ? parsed.data : undefined;
}
