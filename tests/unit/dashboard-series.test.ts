import { describe, expect, it } from "vitest";
import { type DashboardQueryInput, readDashboardFilters, resolveDashboardFilters } from "@/lib/dashboard/dashboard-filters";
import { detectSpikes, SPIKE_RULE } from "@/lib/dashboard/detect-spikes";
import { nearestRank } from "@/lib/dashboard/nearest-rank";
import { MATRIX_COLUMNS, prepareDecisionMatrices, prepareDecisionTrend } from "@/lib/dashboard/prepare-decision-series";
import { prepareScoreDistribution, prepareScoresByGroup, prepareScoreTrend } from "@/lib/dashboard/prepare-score-series";
import { SCORE_BUCKET_LOWS, scoreBucketOf } from "@/lib/dashboard/score-buckets";
import { addBuckets, bucketKeyOf, listBuckets, normaliseBucketKey } from "@/lib/dashboard/time-buckets";
import { nearestRankPercentile } from "@/lib/pipeline/evaluation/statistics";

// The dashboard's series preparation: time buckets, filter defaults, the
// spike rule, the percentile ranks the SQL uses, and the shaping of grouped
// rows into chart series. Pure functions, no database.

const NOW = new Date("2026-11-26T15:30:00Z");
const input = (values: Partial<DashboardQueryInput>): DashboardQueryInput => ({ bucket: "auto", ...values }) as DashboardQueryInput;

describe("time buckets", () => {
  it("name UTC hours, days and months by the start of their ISO timestamp", () => {
    const instant = new Date("2026-11-26T23:59:59.999Z");
    expect(bucketKeyOf(instant, "hour")).toBe("2026-11-26T23");
    expect(bucketKeyOf(instant, "day")).toBe("2026-11-26");
    expect(bucketKeyOf(instant, "month")).toBe("2026-11");
  });

  it("list every bucket of a range, empty ones included, across month and year ends", () => {
    const days = listBuckets(new Date("2026-02-27T00:00:00Z"), new Date("2026-03-02T00:00:00Z"), "day");
    expect(days.map((bucket) => bucket.key)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
    expect(days[0]).toEqual({ key: "2026-02-27", start: "2026-02-27T00:00:00.000Z", end: "2026-02-28T00:00:00.000Z" });
    const months = listBuckets(new Date("2026-11-15T00:00:00Z"), new Date("2027-02-01T00:00:00Z"), "month");
    expect(months.map((bucket) => bucket.key)).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(listBuckets(new Date("2026-11-26T00:00:00Z"), new Date("2026-11-27T00:00:00Z"), "hour")).toHaveLength(24);
  });

  it("step back whole buckets from the bucket holding an instant", () => {
    expect(addBuckets(new Date("2026-03-15T12:00:00Z"), "month", -7).toISOString()).toBe("2025-08-01T00:00:00.000Z");
    expect(addBuckets(new Date("2026-03-01T05:30:00Z"), "day", -1).toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });

  it("read SQLite's and PostgreSQL's timestamp text alike and refuse other date styles", () => {
    expect(normaliseBucketKey("2026-11-26T15", "hour")).toBe("2026-11-26T15");
    expect(normaliseBucketKey("2026-11-26 15", "hour")).toBe("2026-11-26T15");
    expect(() => normaliseBucketKey("26/11/2026", "day")).toThrow(/DateStyle/);
  });
});

describe("dashboard filters", () => {
  it("default to the last 30 UTC days with daily buckets", () => {
    expect(resolveDashboardFilters(input({}), NOW)).toEqual({
      filters: { from: "2026-10-28", to: "2026-11-26", bucket: "day", bucketChoice: "auto", scenario: undefined, judge: undefined, model: undefined, source: undefined },
    });
  });

  it("choose hours up to 2 days, days up to 120 days and months beyond", () => {
    const bucketFor = (from: string, to: string) => {
      const resolved = resolveDashboardFilters(input({ from, to }), NOW);
      return "filters" in resolved ? resolved.filters.bucket : resolved.issues;
    };
    expect(bucketFor("2026-11-25", "2026-11-26")).toBe("hour");
    expect(bucketFor("2026-11-24", "2026-11-26")).toBe("day");
    expect(bucketFor("2026-07-30", "2026-11-26")).toBe("day");
    expect(bucketFor("2026-07-29", "2026-11-26")).toBe("month");
  });

  it("refuse a reversed range and more buckets than a chart can show, naming the field", () => {
    expect(resolveDashboardFilters(input({ from: "2026-11-27", to: "2026-11-26" }), NOW)).toEqual({
      issues: [{ path: "from", message: "must be on or before the end date (2026-11-26)" }],
    });
    const hourly = resolveDashboardFilters(input({ from: "2026-10-01", to: "2026-11-26", bucket: "hour" }), NOW);
    expect(hourly).toMatchObject({ issues: [{ path: "bucket", message: expect.stringMatching(/more than 400 hours/) }] });
  });

  it("read a page URL: blanks mean unset, and invalid values fall back to the defaults with the reasons", () => {
    expect(readDashboardFilters({ from: "2026-11-01", to: "2026-11-03", scenario: "", judge: ["medgemma", "x"] }, NOW)).toMatchObject({
      filters: { from: "2026-11-01", to: "2026-11-03", judge: "medgemma", scenario: undefined },
      problems: [],
    });
    const invalid = readDashboardFilters({ from: "2026-02-30", source: "fax" }, NOW);
    expect(invalid.filters.from).toBe("2026-10-28");
    expect(invalid.problems).toEqual(["from is not a calendar date", expect.stringMatching(/^source /)]);
  });
});

describe("block-rate spikes", () => {
  const steady = (count: number, blocked = 1, decided = 10) => Array.from({ length: count }, () => ({ decided, blocked }));

  it("need three earlier buckets with answers before judging", () => {
    const checks = detectSpikes([...steady(2), { decided: 10, blocked: 9 }]);
    expect(checks.map((check) => check.spike)).toEqual([false, false, false]);
    expect(checks[2]?.baseline).toBeNull();
  });

  it("flag a rate above mean + 2 SD and 5 points, with at least two blocks", () => {
    // Baseline 10%, 20%, 10%, 20%: mean 15%, SD 5%, threshold 25%.
    const base = [1, 2, 1, 2].map((blocked) => ({ decided: 10, blocked }));
    const [spike] = detectSpikes([...base, { decided: 10, blocked: 3 }]).slice(-1);
    expect(spike?.baseline?.threshold).toBeCloseTo(0.25, 10);
    expect(spike?.spike).toBe(true);
    expect(detectSpikes([...base, { decided: 20, blocked: 5 }]).at(-1)?.spike).toBe(false); // exactly 25%: not above
  });

  it("require a rise of 5 points when the baseline never moves, and two blocked answers", () => {
    expect(detectSpikes([...steady(7, 1), { decided: 100, blocked: 14 }]).at(-1)?.spike).toBe(false); // 14% < 10% + 5
    expect(detectSpikes([...steady(7, 1), { decided: 100, blocked: 16 }]).at(-1)?.spike).toBe(true);
    expect(detectSpikes([...steady(7, 0), { decided: 1, blocked: 1 }]).at(-1)?.spike).toBe(false); // 100%, but one answer
    expect(detectSpikes([...steady(7, 0), { decided: 2, blocked: 2 }]).at(-1)?.spike).toBe(true);
  });

  it("compare with the previous seven buckets that had answers, skipping empty ones", () => {
    const history = [...steady(5, 8), ...steady(7, 1)]; // an old bad week falls out of the window
    const checks = detectSpikes([...history, { decided: 0, blocked: 0 }, { decided: 10, blocked: 4 }]);
    expect(checks.at(-2)).toEqual({ baseline: null, spike: false });
    expect(checks.at(-1)?.baseline?.buckets).toBe(SPIKE_RULE.baselineBuckets);
    expect(checks.at(-1)?.baseline?.mean).toBeCloseTo(0.1, 10);
    expect(checks.at(-1)?.spike).toBe(true);
  });
});

describe("nearest-rank percentiles in SQL", () => {
  it("compute the rank ceil(p × n / 100) with integer arithmetic", () => {
    for (let n = 1; n <= 1_000; n += 1) {
      for (const percent of [1, 50, 90, 95, 99, 100]) expect(nearestRank(n, percent)).toBe(Math.ceil((percent * n) / 100));
    }
  });

  it("pick the same value as the run reports' nearestRankPercentile", () => {
    const values = [860, 120, 5_000, 430, 430, 75, 990, 2_210, 640, 310, 1_500];
    const sorted = [...values].sort((a, b) => a - b);
    for (const percent of [50, 95]) expect(sorted[nearestRank(values.length, percent) - 1]).toBe(nearestRankPercentile(values, percent));
  });
});

describe("score buckets", () => {
  it("are half a point wide from 0 to 5, 5 on its own", () => {
    expect(SCORE_BUCKET_LOWS).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect([0, 0.49, 0.5, 3.99, 4, 4.25, 4.5, 4.99, 5].map(scoreBucketOf)).toEqual([0, 0, 1, 7, 8, 8, 9, 9, 10]);
  });
});

describe("judge-score series", () => {
  it("turn bucket counts into each judge's shares, with every bucket present", () => {
    const data = prepareScoreDistribution([
      { metric: "compliance", judgeKey: "medgemma", scoreBucket: 9, n: 3 },
      { metric: "compliance", judgeKey: "medgemma", scoreBucket: 10, n: 1 },
      { metric: "compliance", judgeKey: "gemini", scoreBucket: 8, n: 2 },
    ]);
    expect(data.judges).toEqual([{ key: "gemini", label: "gemini" }, { key: "medgemma", label: "medgemma" }]);
    expect(data.rows.compliance).toHaveLength(11);
    expect(data.rows.compliance[9]).toEqual({ key: "4.5", label: "4.5", values: { gemini: 0, medgemma: 0.75 }, counts: { gemini: 0, medgemma: 3 } });
    expect(data.totals.compliance).toEqual({ gemini: 2, medgemma: 4 });
    // No helpfulness scores at all: no distribution rather than a flat zero one.
    expect(data.rows.helpfulness[0]?.values).toEqual({ gemini: null, medgemma: null });
  });

  it("lay averages on every bucket of the range and leave gaps as nulls", () => {
    const buckets = listBuckets(new Date("2026-11-01T00:00:00Z"), new Date("2026-11-04T00:00:00Z"), "day");
    const data = prepareScoreTrend(
      [{ groupKey: "2026-11-02", judgeKey: "medgemma", complianceAverage: 4.2, complianceN: 5, helpfulnessAverage: null, helpfulnessN: 0 }],
      buckets,
    );
    expect(data.rows.compliance.map((row) => [row.key, row.values.medgemma, row.counts.medgemma])).toEqual([
      ["2026-11-01", null, 0],
      ["2026-11-02", 4.2, 5],
      ["2026-11-03", null, 0],
    ]);
    expect(data.rows.helpfulness[1]?.values.medgemma).toBeNull();
  });

  it("sort scenario groups and give each judge a value or null", () => {
    const data = prepareScoresByGroup(
      [
        { groupKey: "D", judgeKey: "medgemma", complianceAverage: 2, complianceN: 4, helpfulnessAverage: 3, helpfulnessN: 4 },
        { groupKey: "B", judgeKey: "gemini", complianceAverage: 4.5, complianceN: 2, helpfulnessAverage: 4, helpfulnessN: 2 },
      ],
      "scenario",
    );
    expect(data.rows.compliance.map((row) => [row.key, row.values])).toEqual([
      ["B", { gemini: 4.5, medgemma: null }],
      ["D", { gemini: null, medgemma: 2 }],
    ]);
  });
});

describe("decision series", () => {
  it("compute rates over decided answers and drop the history buckets after the spike check", () => {
    const buckets = listBuckets(new Date("2026-11-01T00:00:00Z"), new Date("2026-11-06T00:00:00Z"), "day");
    const rows = ["01", "02", "03", "04"].map((day) => ({ bucketKey: `2026-11-${day}`, allow: 9, warn: 0, block: 1, failed: 0 }));
    const data = prepareDecisionTrend([...rows, { bucketKey: "2026-11-05", allow: 4, warn: 1, block: 5, failed: 2 }], buckets, 3);
    expect(data.map((row) => row.key)).toEqual(["2026-11-04", "2026-11-05"]);
    expect(data[1]).toMatchObject({ decided: 10, failed: 2, rates: { allow: 0.4, warn: 0.1, block: 0.5 }, spike: true });
    expect(data[0]?.spike).toBe(false);
  });

  it("cross CAM's actions with verdicts, with row shares and agreement over verdicts given", () => {
    const [matrix] = prepareDecisionMatrices([
      { judgeKey: "medgemma", camAction: "allow", judgeVerdict: "allow", n: 6 },
      { judgeKey: "medgemma", camAction: "allow", judgeVerdict: "warn", n: 2 },
      { judgeKey: "medgemma", camAction: "block", judgeVerdict: "unscored", n: 2 },
    ]);
    expect(MATRIX_COLUMNS).toEqual(["allow", "warn", "block", "unscored"]);
    expect(matrix?.rows[0]).toEqual({
      action: "allow",
      total: 8,
      counts: { allow: 6, warn: 2, block: 0, unscored: 0 },
      shares: { allow: 0.75, warn: 0.25, block: 0, unscored: 0 },
    });
    expect(matrix?.rows[1]?.shares.allow).toBeNull();
    expect(matrix?.total).toBe(10);
    expect(matrix?.agreement).toBe(0.75);
  });
});
