import type { AttemptFailure } from "@/lib/llm/classify-failure";
import { isRetryableKind } from "@/lib/llm/model-error";

// The one retry policy of every model client. The SDKs' own retries are
// switched off (openai) or left off (@google/genai, ollama), so attempts are
// counted in one place and every provider backs off the same way.

/** How long one attempt may take and how often to try again. */
export type RetryPolicy = { timeoutMs: number; retries: number; baseDelayMs: number };

/** Local CPU models can take minutes on a long prompt, so one attempt may take two. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Two retries: up to three attempts in all. */
export const DEFAULT_RETRIES = 2;
/** The first backoff; later ones double. */
export const DEFAULT_BASE_DELAY_MS = 500;
/** No wait is longer than this, whatever Retry-After asks: a clinician is waiting. */
export const MAX_DELAY_MS = 30_000;

/** The policy with defaults filled in. */
export function resolveRetryPolicy(options: { timeoutMs?: number; retries?: number; retryBaseDelayMs?: number }): RetryPolicy {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: options.retries ?? DEFAULT_RETRIES,
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_BASE_DELAY_MS,
  };
}

/**
 * How long to wait after the given number of failed attempts: Retry-After when
 * the server sent one, otherwise base × 2^(n-1) with jitter between half and
 * all of it (so clients that failed together do not retry together); capped.
 */
export function backoffDelayMs(options: { failedAttempts: number; baseDelayMs: number; retryAfterMs?: number; random?: () => number }): number {
  if (options.retryAfterMs !== undefined) return Math.min(Math.max(0, options.retryAfterMs), MAX_DELAY_MS);
  const exponential = options.baseDelayMs * 2 ** (options.failedAttempts - 1);
  const jittered = exponential * (0.5 + 0.5 * (options.random ?? Math.random)());
  return Math.min(Math.round(jittered), MAX_DELAY_MS);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, fails in a way another try cannot fix, or
 * the retries are used up. Each attempt gets a signal that fires at the
 * per-attempt timeout or when the caller's signal does. When the caller aborts,
 * its abort reason is thrown at once (an aborted request is not a model
 * failure); otherwise `fail` turns the last failure into the error to throw.
 */
export async function withRetries<T>(options: {
  policy: RetryPolicy;
  signal?: AbortSignal;
  attempt: (signal: AbortSignal) => Promise<T>;
  classify: (error: unknown) => AttemptFailure;
  fail: (failure: AttemptFailure, attempts: number) => Error;
}): Promise<{ value: T; attempts: number }> {
  const { policy, signal: caller } = options;
  for (let attempts = 1; ; attempts += 1) {
    caller?.throwIfAborted();
    const deadline = AbortSignal.timeout(policy.timeoutMs);
    try {
      const value = await options.attempt(caller ? AbortSignal.any([caller, deadline]) : deadline);
      return { value, attempts };
    } catch (error) {
      caller?.throwIfAborted();
      const failure: AttemptFailure = deadline.aborted ? { kind: "timeout", cause: error } : options.classify(error);
      if (!isRetryableKind(failure.kind) || attempts > policy.retries) throw options.fail(failure, attempts);
      await sleep(backoffDelayMs({ failedAttempts: attempts, baseDelayMs: policy.baseDelayMs, retryAfterMs: failure.retryAfterMs }), caller);
    }
  }
}
