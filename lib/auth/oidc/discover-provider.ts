import "server-only";
import { allowInsecureRequests, ClientSecretPost, type Configuration, discovery, None } from "openid-client";
import type { OidcSettings } from "@/lib/auth/oidc/oidc-settings";

/** Seconds any request to the provider may take before it counts as unreachable. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** Plain http is accepted for a provider on this machine only (development and tests); anywhere else it must be https. */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

const cache = new Map<string, Promise<Configuration>>();

/**
 * The provider's configuration from its discovery document, fetched once per
 * issuer and client. A failed discovery is forgotten so the next sign-in retries.
 */
export function discoverProvider(settings: OidcSettings): Promise<Configuration> {
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret ?? null]);
  let found = cache.get(key);
  if (!found) {
    found = fetchConfiguration(settings);
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}

function fetchConfiguration(settings: OidcSettings): Promise<Configuration> {
  const issuer = new URL(settings.issuer);
  const insecureAllowed = issuer.protocol === "http:" && LOOPBACK_HOSTS.has(issuer.hostname);
  const clientAuth = settings.clientSecret ? ClientSecretPost(settings.clientSecret) : None();
  return discovery(issuer, settings.clientId, settings.clientSecret, clientAuth, {
    timeout: PROVIDER_TIMEOUT_SECONDS,
    execute: insecureAllowed ? [allowInsecureRequests] : [],
  });
}
