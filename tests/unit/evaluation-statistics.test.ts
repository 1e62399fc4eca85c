import { describe, expect, it } from "vitest";
import { cohenKappa } from "@/lib/pipeline/evaluation/cohen-kappa";
import { mean, median, nearestRankPercentile, populationStdDev, rateOf, summariseLatency } from "@/lib/pipeline/evaluation/statistics";
import type { Verdict } from "@/lib/pipeline/evaluation/types";

/** `count` copies of the pair [first, second]. */
const pairs = (first: Verdict, second: Verdict, count: number) => Array.from({ length: count }, () => [first, second] as const);
const range = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

describe("nearestRankPercentile", () => {
  it("is null for no values and the value itself for one", () => {
    expect(nearestRankPercentile([], 95)).toBeNull();
    expect(nearestRankPercentile([42], 95)).toBe(42);
  });

  it("takes the value at rank ceil(0.95 n) of the sorted values, never interpolating", () => {
    // n = 2..19: ceil(0.95 n) = n, the maximum.
    expect(nearestRankPercentile([30, 10], 95)).toBe(30);
    expect(nearestRankPercentile([5, 1, 4, 2, 3], 95)).toBe(5);
    expect(nearestRankPercentile(range(19), 95)).toBe(19);
    // n = 20: rank 19; n = 21: rank ceil(19.95) = 20; n = 100: rank 95.
    expect(nearestRankPercentile(range(20).reverse(), 95)).toBe(19);
    expect(nearestRankPercentile(range(21), 95)).toBe(20);
    expect(nearestRankPercentile(range(100), 95)).toBe(95);
    expect(nearestRankPercentile(range(10), 50)).toBe(5);
  });
});

describe("mean, median, population standard deviation, rates", () => {
  it("are null, not NaN, for no values or a zero denominator", () => {
    expect(mean([])).toBeNull();
    expect(median([])).toBeNull();
    expect(populationStdDev([])).toBeNull();
    expect(rateOf(0, 0)).toBeNull();
    expect(summariseLatency([])).toEqual({ n: 0, averageMs: null, p95Ms: null });
  });

  it("compute the textbook values", () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // 2 4 4 4 5 5 7 9: mean 5, squared deviations 9 1 1 1 0 0 4 16 = 32, / 8 = 4 → 2 (n − 1 would give 2.14).
    expect(populationStdDev([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(populationStdDev([3])).toBe(0);
    expect(rateOf(1, 3)).toBeCloseTo(1 / 3, 15);
    expect(rateOf(0, 5)).toBe(0);
  });
});

describe("cohenKappa", () => {
  it("matches the textbook 2 × 2 example", () => {
    // 50 answers:      B allow  B block
    //   A allow           20        5     (25)
    //   A block           10       15     (25)
    //                    (30)     (20)
    // p_o = 35/50 = 0.7; p_e = 0.5 × 0.6 + 0.5 × 0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    const result = cohenKappa([...pairs("allow", "allow", 20), ...pairs("allow", "block", 5), ...pairs("block", "allow", 10), ...pairs("block", "block", 15)]);
    expect(result.n).toBe(50);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    expect(result.table.allow).toEqual({ allow: 20, warn: 0, block: 5 });
  });

  it("matches a 3 × 3 table worked by hand", () => {
    // 20 answers:   B allow  warn  block | row
    //   A allow        6      2      0   |  8
    //   A warn         1      5      1   |  7
    //   A block        0      1      4   |  5
    //   column         7      8      5
    // p_o = 15/20 = 0.75; p_e = (8·7 + 7·8 + 5·5) / 400 = 137/400 = 0.3425;
    // κ = (0.75 − 0.3425) / (1 − 0.3425) = (300 − 137) / (400 − 137) = 163/263 ≈ 0.6198.
    const result = cohenKappa([
      ...pairs("allow", "allow", 6), ...pairs("allow", "warn", 2),
      ...pairs("warn", "allow", 1), ...pairs("warn", "warn", 5), ...pairs("warn", "block", 1),
      ...pairs("block", "warn", 1), ...pairs("block", "block", 4),
    ]);
    expect(result.observedAgreement).toBe(0.75);
    expect(result.expectedAgreement).toBeCloseTo(0.3425, 12);
    expect(result.kappa).toBeCloseTo(163 / 263, 12);
  });

  it("is 1 for perfect agreement and negative for systematic disagreement", () => {
    expect(cohenKappa([...pairs("allow", "allow", 3), ...pairs("block", "block", 2)]).kappa).toBe(1);
    // Always opposite: p_o = 0, p_e = 0.5 → κ = −1.
    expect(cohenKappa([...pairs("allow", "block", 2), ...pairs("block", "allow", 2)]).kappa).toBe(-1);
  });

  it("is undefined (null) with no pairs, or when both raters always give the same single verdict", () => {
    expect(cohenKappa([])).toMatchObject({ n: 0, observedAgreement: null, expectedAgreement: null, kappa: null });
    // p_e = 1, so κ = 0/0; the observed agreement (1) is still reported.
    expect(cohenKappa(pairs("warn", "warn", 4))).toMatchObject({ n: 4, observedAgreement: 1, expectedAgreement: 1, kappa: null });
  });

  it("is defined (0) when one rater is constant but the other is not", () => {
    // A always allow; B allow 2, block 2: p_o = 0.5, p_e = 1 × 0.5 = 0.5 → κ = 0.
    expect(cohenKappa([...pairs("allow", "allow", 2), ...pairs("allow", "block", 2)]).kappa).toBe(0);
  });
});
