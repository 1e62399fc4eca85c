import { AppError, type ErrorCode } from "@/lib/errors";
import type { ModelProviderName } from "@/lib/llm/types";

// The one error a model client throws. `code` (and so the HTTP status CAM
// answers with) says what the console's user should see; `kind` says what the
// model server did, for retries, logs and the audit trail.

/** What went wrong when talking to a model server. */
export type ModelErrorKind =
  | "unreachable"
  | "timeout"
  | "rate_limited"
  | "server_error"
  | "bad_request"
  | "not_found"
  | "auth"
  | "malformed";

// A model server's 400, 401 or 404 is CAM's misconfiguration, not the user's
// request, so those become 502s: a 401 here must not look like a lapsed sign-in.
const codeForKind: Record<ModelErrorKind, ErrorCode> = {
  unreachable: "service_unavailable",
  timeout: "gateway_timeout",
  rate_limited: "rate_limited",
  server_error: "bad_gateway",
  bad_request: "bad_gateway",
  not_found: "bad_gateway",
  auth: "bad_gateway",
  malformed: "bad_gateway",
};

/** Failures that may pass if the same request is sent again. */
export function isRetryableKind(kind: ModelErrorKind): boolean {
  return kind === "unreachable" || kind === "timeout" || kind === "rate_limited" || kind === "server_error";
}

/** A failed model request: which server, which model, what happened, after how many attempts. */
export class ModelError extends AppError {
  readonly provider: ModelProviderName;
  /** Undefined when listing models. */
  readonly model: string | undefined;
  readonly endpoint: string;
  /**
   * The model server's HTTP status, when it answered. Not named `status`:
   * AppError's `status` is the status CAM itself answers with.
   */
  readonly upstreamStatus: number | undefined;
  readonly attempts: number;
  readonly kind: ModelErrorKind;

  constructor(init: {
    provider: ModelProviderName;
    model?: string;
    endpoint: string;
    upstreamStatus?: number;
    attempts: number;
    kind: ModelErrorKind;
    message: string;
    cause?: unknown;
  }) {
    super(codeForKind[init.kind], init.message, { cause: init.cause });
    this.name = "ModelError";
    this.provider = init.provider;
    this.model = init.model;
    this.endpoint = init.endpoint;
    this.upstreamStatus = init.upstreamStatus;
    this.attempts = init.attempts;
    this.kind = init.kind;
  }
}
