import "server-only";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/sqlite/enums";

/** What single sign-on needs from the configuration; passed explicitly so tests can vary it. */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  /** Unset for a public client, which then relies on PKCE alone. */
  clientSecret?: string;
  /** Shown as "Sign in with <displayName>" and in messages. */
  displayName: string;
  /** Role for people without an account; unset means only existing accounts may sign in. */
  defaultRole?: Role;
  /** The console's public address, for the return address; else taken from the request. */
  publicUrl?: string;
};

/** The single sign-on settings, or null when OIDC_ISSUER is unset (single sign-on off). */
export function oidcSettings(config: Env): OidcSettings | null {
  // env.ts already requires OIDC_CLIENT_ID whenever OIDC_ISSUER is set.
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return null;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    displayName: config.OIDC_DISPLAY_NAME,
    defaultRole: config.OIDC_DEFAULT_ROLE,
    publicUrl: config.CAM_PUBLIC_URL,
  };
}

/** The single sign-on settings; throws AppError("not_found") when single sign-on is not configured. */
export function requireOidcSettings(config: Env): OidcSettings {
  const settings = oidcSettings(config);
  if (!settings) {
    throw new AppError(
      "not_found",
      "Single sign-on is not configured on this server (OIDC_ISSUER is unset). Sign in with your email and password, or ask an administrator to set up single sign-on.",
    );
  }
  return settings;
}
