import { describe, expect, it } from "vitest";
import { createThrottle, type ThrottleClock, throttleFor } from "@/lib/judges/throttle";

/** A clock that moves only when the test says; sleepers wake in time order. */
function fakeClock() {
  let now = 0;
  const sleepers: { at: number; resolve: () => void }[] = [];
  const clock: ThrottleClock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const sleeper = { at: now + ms, resolve };
        sleepers.push(sleeper);
        signal?.addEventListener("abort", () => {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          reject(signal.reason);
        });
      }),
  };
  /** Moves time forward, waking each sleeper at its moment and letting its caller run. */
  async function advanceTo(target: number) {
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      sleepers.sort((a, b) => a.at - b.at);
      const next = sleepers[0];
      if (!next || next.at > target) break;
      sleepers.shift();
      now = next.at;
      next.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    now = target;
  }
  return { clock, advanceTo, pending: () => sleepers.length };
}

/** Starts `count` waits at once; resolves with the time each was let through. */
function startWaits(throttle: ReturnType<typeof createThrottle>, clock: ThrottleClock, count: number): number[] {
  const starts: number[] = [];
  for (let i = 0; i < count; i += 1) void throttle.wait().then(() => starts.push(clock.now()));
  return starts;
}

describe("createThrottle", () => {
  it("lets an idle judge's first request through at once", async () => {
    const { clock } = fakeClock();
    const throttle = createThrottle(30, clock);
    await throttle.wait();
    expect(clock.now()).toBe(0);
  });

  it("spaces concurrent requests 60/N seconds apart, in arrival order", async () => {
    const { clock, advanceTo } = fakeClock();
    const starts = startWaits(createThrottle(30, clock), clock, 4);
    await advanceTo(10_000);
    expect(starts).toEqual([0, 2_000, 4_000, 6_000]);
  });

  it("never lets more than N start in any 60-second window", async () => {
    const { clock, advanceTo } = fakeClock();
    const starts = startWaits(createThrottle(7, clock), clock, 40);
    await advanceTo(10 * 60_000);
    expect(starts).toHaveLength(40);
    for (const start of starts) expect(starts.filter((other) => other >= start && other < start + 60_000).length).toBeLessThanOrEqual(7);
  });

  it("does not wait once the interval has passed since the last request", async () => {
    const { clock, advanceTo, pending } = fakeClock();
    const throttle = createThrottle(60, clock);
    await throttle.wait();
    await advanceTo(1_500);
    await throttle.wait();
    expect(pending()).toBe(0);
    expect(clock.now()).toBe(1_500);
  });

  it("stops waiting when the caller aborts, and gives the slot back", async () => {
    const { clock, advanceTo } = fakeClock();
    const throttle = createThrottle(30, clock);
    await throttle.wait();
    const controller = new AbortController();
    const abandoned = throttle.wait(controller.signal);
    controller.abort(new Error("run cancelled"));
    await expect(abandoned).rejects.toThrow("run cancelled");
    const starts = startWaits(throttle, clock, 1);
    await advanceTo(5_000);
    expect(starts).toEqual([2_000]);
  });

  it("refuses an already aborted signal and a rate that is not positive", async () => {
    const { clock } = fakeClock();
    await expect(createThrottle(30, clock).wait(AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
    expect(() => createThrottle(0)).toThrow(RangeError);
  });

  it("waits in real time by default", async () => {
    const throttle = createThrottle(600);
    const started = performance.now();
    await throttle.wait();
    await throttle.wait();
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });
});

describe("throttleFor", () => {
  it("shares one throttle per judge id and rate", () => {
    const medgemma = { id: "medgemma", requestsPerMinute: 30 };
    expect(throttleFor(medgemma)).toBe(throttleFor({ ...medgemma }));
    expect(throttleFor(medgemma)).not.toBe(throttleFor({ id: "gemini", requestsPerMinute: 30 }));
    expect(throttleFor(medgemma)).not.toBe(throttleFor({ id: "medgemma", requestsPerMinute: 60 }));
  });
});
