import { describe, expect, it } from "vitest";
import { kindForStatus, parseRetryAfterMs } from "@/lib/llm/classify-failure";
import { isRetryableKind } from "@/lib/llm/model-error";
import { backoffDelayMs, MAX_DELAY_MS, resolveRetryPolicy, withRetries } from "@/lib/llm/with-retries";

describe("backoff", () => {
  it("doubles from the base, jittered between half and all of the step", () => {
    expect(backoffDelayMs({ failedAttempts: 1, baseDelayMs: 500, random: () => 0 })).toBe(250);
    expect(backoffDelayMs({ failedAttempts: 1, baseDelayMs: 500, random: () => 1 })).toBe(500);
    expect(backoffDelayMs({ failedAttempts: 2, baseDelayMs: 500, random: () => 1 })).toBe(1_000);
    expect(backoffDelayMs({ failedAttempts: 3, baseDelayMs: 500, random: () => 0.5 })).toBe(1_500);
  });

  it("is capped at 30 s", () => {
    expect(backoffDelayMs({ failedAttempts: 20, baseDelayMs: 500, random: () => 1 })).toBe(MAX_DELAY_MS);
    expect(MAX_DELAY_MS).toBe(30_000);
  });

  it("uses the server's Retry-After instead, capped too", () => {
    expect(backoffDelayMs({ failedAttempts: 1, baseDelayMs: 500, retryAfterMs: 2_000 })).toBe(2_000);
    expect(backoffDelayMs({ failedAttempts: 1, baseDelayMs: 500, retryAfterMs: 600_000 })).toBe(30_000);
    expect(backoffDelayMs({ failedAttempts: 1, baseDelayMs: 500, retryAfterMs: 0 })).toBe(0);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-20T10:00:00Z");
    expect(parseRetryAfterMs("2", now)).toBe(2_000);
    expect(parseRetryAfterMs("0.5", now)).toBe(500);
    expect(parseRetryAfterMs("Fri, 20 Nov 2026 10:00:07 GMT", now)).toBe(7_000);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs("-3", now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it("defaults to 120 s per attempt, two retries and a 500 ms base", () => {
    expect(resolveRetryPolicy({})).toEqual({ timeoutMs: 120_000, retries: 2, baseDelayMs: 500 });
    expect(resolveRetryPolicy({ timeoutMs: 5, retries: 0, retryBaseDelayMs: 1 })).toEqual({ timeoutMs: 5, retries: 0, baseDelayMs: 1 });
  });
});

describe("what is retried", () => {
  it("maps statuses to kinds, retrying only what another try can fix", () => {
    const kinds = [400, 401, 403, 404, 408, 422, 429, 500, 502, 503].map((status) => [status, kindForStatus(status), isRetryableKind(kindForStatus(status))]);
    expect(kinds).toEqual([
      [400, "bad_request", false],
      [401, "auth", false],
      [403, "auth", false],
      [404, "not_found", false],
      [408, "timeout", true],
      [422, "bad_request", false],
      [429, "rate_limited", true],
      [500, "server_error", true],
      [502, "server_error", true],
      [503, "server_error", true],
    ]);
    expect(isRetryableKind("unreachable")).toBe(true);
    expect(isRetryableKind("malformed")).toBe(false);
  });
});

describe("withRetries", () => {
  const policy = { timeoutMs: 1_000, retries: 2, baseDelayMs: 1 };
  const fail = (failure: { kind: string }, attempts: number) => new Error(`${failure.kind} after ${attempts}`);

  it("tries again after a retryable failure and counts the attempts", async () => {
    let calls = 0;
    const result = await withRetries({
      policy,
      attempt: async () => {
        calls += 1;
        if (calls < 3) throw new Error("boom");
        return "ok";
      },
      classify: () => ({ kind: "server_error" }),
      fail,
    });
    expect(result).toEqual({ value: "ok", attempts: 3 });
  });

  it("stops at once on a failure another try cannot fix", async () => {
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      throw new Error("no");
    };
    await expect(withRetries({ policy, attempt, classify: () => ({ kind: "bad_request" }), fail })).rejects.toThrow("bad_request after 1");
    expect(calls).toBe(1);
  });

  it("gives up after the last retry", async () => {
    await expect(
      withRetries({ policy: { ...policy, retries: 1 }, attempt: () => Promise.reject(new Error("x")), classify: () => ({ kind: "unreachable" }), fail }),
    ).rejects.toThrow("unreachable after 2");
  });

  it("reports an attempt that outlives its deadline as a timeout", async () => {
    const attempt = (signal: AbortSignal) =>
      new Promise<string>((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));
    await expect(withRetries({ policy: { timeoutMs: 20, retries: 1, baseDelayMs: 1 }, attempt, classify: () => ({ kind: "malformed" }), fail })).rejects.toThrow(
      "timeout after 2",
    );
  });

  it("throws the caller's abort reason during a backoff without trying again", async () => {
    const controller = new AbortController();
    let calls = 0;
    const attempt = async () => {
      calls += 1;
      setTimeout(() => controller.abort(new Error("caller gave up")), 10);
      throw new Error("busy");
    };
    const started = performance.now();
    await expect(
      withRetries({ policy, signal: controller.signal, attempt, classify: () => ({ kind: "rate_limited", retryAfterMs: 10_000 }), fail }),
    ).rejects.toThrow("caller gave up");
    expect(calls).toBe(1);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
