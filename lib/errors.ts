// Errors the application raises on purpose. Each code maps to one HTTP status;
// the message is written for the person who will read it and says what to do.
// Client-safe: no server imports.

export const errorStatus = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  config_invalid: 500,
  bad_gateway: 502,
  service_unavailable: 503,
  gateway_timeout: 504,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** A field-level problem in a request, as shown next to a form control. */
export type FieldIssue = { path: string; message: string };

/** The JSON body of every error response. */
export type ErrorBody = {
  error: { code: ErrorCode; message: string; requestId?: string; fields?: FieldIssue[] };
};

/** An expected failure with a stable code and a message safe to show users. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldIssue[];
  /** For rate_limited: when trying again can succeed; sent as the Retry-After header. */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options?: { fields?: FieldIssue[]; retryAfterSeconds?: number; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options?.fields;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
