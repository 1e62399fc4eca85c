// API keys must never reach an error message, a log line or the audit trail.
// The SDKs can echo them (the openai client quotes server messages that repeat
// the key; Google's accept `?key=` in URLs), so every message a model client
// builds passes through here.

const MASK = "****";

/** Replaces every occurrence of the secrets (raw or URL-encoded) and any `key=` URL parameter with ****. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join(MASK);
  }
  return result.replace(/([?&](?:key|api_key|apikey)=)[^&\s"'#]+/gi, `$1${MASK}`);
}

/**
 * A copy of an error that is safe to keep as a `cause`: the same name, the
 * message and stack scrubbed, and none of the SDK's request or header objects.
 */
export function scrubError(error: unknown, secrets: readonly (string | undefined)[]): Error {
  if (!(error instanceof Error)) return new Error(scrubSecrets(String(error), secrets));
  const copy = new Error(scrubSecrets(error.message, secrets));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : scrubSecrets(error.stack, secrets);
  if (error.cause !== undefined) copy.cause = scrubError(error.cause, secrets);
  return copy;
}
