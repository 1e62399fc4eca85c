import type { z } from "zod";
import type { ModelErrorKind } from "@/lib/llm/model-error";

// Turning what an SDK threw into one of a few kinds of failure. The parts every
// provider shares live here: HTTP statuses, Retry-After, dropped connections,
// and replies that are not what the protocol promises.

/** One failed attempt, described well enough to decide on a retry and to explain it. */
export type AttemptFailure = {
  kind: ModelErrorKind;
  status?: number;
  /** What the server or the network said, for the message; scrubbed before use. */
  detail?: string;
  /** How long the server asked us to wait before trying again. */
  retryAfterMs?: number;
  /** True when no rule recognised the error: most likely the client library refused the request before sending it. */
  unrecognised?: boolean;
  cause?: unknown;
};

/** Thrown inside an attempt when a reply parses but lacks what the protocol promises. */
export class MalformedReplyError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "MalformedReplyError";
  }
}

/** The reply checked against its schema; a mismatch throws MalformedReplyError naming the missing fields. */
export function parseReply<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "its body"))];
  throw new MalformedReplyError(`${what} lacks ${fields.join(", ")}`);
}

/** The kind of failure an HTTP error status means. */
export function kindForStatus(status: number): ModelErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  // 408 is the server timing out while waiting for us: worth another try.
  if (status === 408) return "timeout";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server_error";
  return "bad_request";
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const networkCodes: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name not found",
  ECONNRESET: "the connection was reset",
  EPIPE: "the connection was reset",
  UND_ERR_SOCKET: "the connection closed before the answer arrived",
  UND_ERR_CONNECT_TIMEOUT: "no connection within the connect timeout",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

/**
 * Failures every provider sees the same way: fetch's network errors (reported
 * as TypeError "fetch failed", or "terminated" when a body stops half-way),
 * bodies that are not JSON, and replies missing their fields. Undefined otherwise.
 */
export function classifyCommonFailure(error: unknown): AttemptFailure | undefined {
  if (error instanceof MalformedReplyError) return { kind: "malformed", detail: error.message, cause: error };
  if (error instanceof SyntaxError) return { kind: "malformed", detail: `the body is not valid JSON: ${error.message}`, cause: error };
  // SDK error -> fetch TypeError -> socket error is the deepest chain seen; four levels leave room.
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && networkCodes[code]) return { kind: "unreachable", detail: networkCodes[code], cause: error };
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") return { kind: "timeout", cause: error };
  }
  if (error instanceof TypeError && /fetch failed|terminated|network/i.test(error.message)) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    return { kind: "unreachable", detail: cause ?? error.message, cause: error };
  }
  return undefined;
}

/**
 * The last resort. What no rule recognises is in practice the client library
 * checking the request before sending it (Gemini's "contents are required"), so
 * it is not retried: the same request would fail the same way.
 */
export function unrecognisedFailure(error: unknown): AttemptFailure {
  return { kind: "bad_request", detail: error instanceof Error ? error.message : String(error), unrecognised: true, cause: error };
}
