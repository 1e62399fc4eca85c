import type { JudgeConfig } from "@/lib/judges/judge-config";

// Spaces the requests to one judge evenly, 60/N seconds apart for N requests
// per minute, so no 60-second window ever sees more than N start. Even spacing
// rather than a sliding window that allows bursts of N: a local model serves
// one request at a time anyway, and hosted quotas are kept without a burst
// tripping a provider's shorter-term limits. An idle judge answers at once.
// Each caller reserves the next free slot before sleeping, so concurrent
// callers queue in arrival order. Pure, with the clock injected for tests.

/** Time and waiting, replaceable in tests. */
export type ThrottleClock = {
  /** Milliseconds on a clock that never goes back. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

/** Waits until the caller may send its next request. */
export type Throttle = { wait(signal?: AbortSignal): Promise<void> };

const MINUTE_MS = 60_000;

/** Real time: performance.now() and setTimeout, stopping early when the signal aborts. */
export const systemClock: ThrottleClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
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
    }),
};

/** A throttle letting requests start at most `requestsPerMinute` a minute, evenly spaced. */
export function createThrottle(requestsPerMinute: number, clock: ThrottleClock = systemClock): Throttle {
  if (!Number.isFinite(requestsPerMinute) || requestsPerMinute <= 0) {
    throw new RangeError(`requestsPerMinute must be a positive number, not ${requestsPerMinute}.`);
  }
  // Whole milliseconds, rounded up, so N intervals never add up to less than a minute.
  const intervalMs = Math.ceil(MINUTE_MS / requestsPerMinute);
  let nextStartMs = Number.NEGATIVE_INFINITY;
  return {
    async wait(signal) {
      signal?.throwIfAborted();
      const now = clock.now();
      const startMs = Math.max(now, nextStartMs);
      nextStartMs = startMs + intervalMs;
      if (startMs <= now) return;
      try {
        await clock.sleep(startMs - now, signal);
      } catch (error) {
        // Hand the slot back if nobody has queued behind it, so an abandoned wait does not slow the next caller.
        if (nextStartMs === startMs + intervalMs) nextStartMs = startMs;
        throw error;
      }
    },
  };
}

const throttles = new Map<string, Throttle>();

/**
 * The one throttle of this process for a judge, shared by every caller that
 * judges with it; a changed rate gets a fresh throttle. Instances of the app
 * each keep their own, so N instances may together send N times the rate.
 */
export function throttleFor(judge: Pick<JudgeConfig, "id" | "requestsPerMinute">): Throttle {
  const key = `${judge.id}@${judge.requestsPerMinute}`;
  let throttle = throttles.get(key);
  if (!throttle) {
    throttle = createThrottle(judge.requestsPerMinute);
    throttles.set(key, throttle);
  }
  return throttle;
}
