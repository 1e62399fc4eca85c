import "server-only";
import type { NextRequest } from "next/server";
import type { OidcSettings } from "@/lib/auth/oidc/oidc-settings";

/** Relative, so a public address with a path (https://host/cam/) keeps it. */
const CALLBACK_PATH = "api/auth/oidc/callback";

/**
 * The return address registered with the provider: under CAM_PUBLIC_URL when
 * it is set, else the address the browser used. That address comes from the
 * Host (or X-Forwarded-Host) header: `next start` reports its own listening
 * address (localhost) in request.nextUrl, and the flow cookie would not come
 * back to a host other than the one that set it. A forged header gains
 * nothing: the provider only returns to registered addresses.
 */
export function oidcCallbackUrl(settings: OidcSettings, request: NextRequest): URL {
  const base = settings.publicUrl ?? requestOrigin(request);
  return new URL(CALLBACK_PATH, base.endsWith("/") ? base : `${base}/`);
}

function requestOrigin(request: NextRequest): string {
  const first = (header: string) => request.headers.get(header)?.split(",")[0]?.trim() || undefined;
  const host = first("x-forwarded-host") ?? first("host");
  const protocol = first("x-forwarded-proto") ?? request.nextUrl.protocol.replace(/:$/, "");
  const origin = host ? `${protocol}://${host}` : undefined;
  return origin && URL.canParse(origin) ? origin : request.nextUrl.origin;
}
