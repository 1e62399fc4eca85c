import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { openSealedPayload, sealPayload } from "@/lib/auth/oidc/seal-payload";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";

// What the browser keeps between leaving for the provider and coming back:
// the PKCE verifier, state, nonce and where to go afterwards, sealed in a
// cookie that only the sign-on routes receive.

export const OIDC_FLOW_COOKIE = "cam_oidc_flow";
/** The cookie is sent only to the sign-on routes. */
const FLOW_COOKIE_PATH = "/api/auth/oidc";
/** Time a person has at the provider (entering a password, a second factor) before the attempt expires. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000;
const PURPOSE = "oidc-flow";

const oidcFlowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  next: z.string().startsWith("/"),
});

/** One sign-on attempt in progress. */
export type OidcFlow = z.infer<typeof oidcFlowSchema>;

/** Seals an attempt for the flow cookie. */
export function sealOidcFlow(flow: OidcFlow): string {
  return sealPayload({ purpose: PURPOSE, payload: flow, ttlMs: OIDC_FLOW_TTL_MS });
}

/** The attempt in a flow cookie, or null when it is missing, expired or not one CAM sealed. */
export function openOidcFlow(sealed: string | undefined): OidcFlow | null {
  const parsed = oidcFlowSchema.safeParse(openSealedPayload({ purpose: PURPOSE, sealed }));
  return parsed.success ? parsed.data : null;
}

/** Flow cookie attributes: http-only, SameSite=Lax (it must come back on the provider's redirect), Secure over HTTPS. */
export function oidcFlowCookieOptions(request: NextRequest) {
  return { ...sessionCookieOptions(request, new Date(Date.now() + OIDC_FLOW_TTL_MS)), path: FLOW_COOKIE_PATH };
}

/** Attributes that delete the flow cookie: an attempt is used once, whatever its outcome. */
export function expiredOidcFlowCookieOptions(request: NextRequest) {
  return { ...sessionCookieOptions(request, new Date(0)), path: FLOW_COOKIE_PATH };
}
