import { describe, expect, it } from "vitest";
import { endOfLocalDay, fromInputValue, startOfLocalDay, toInputValue } from "@/components/audit/local-dates";
import { auditQueryString, hasFilters, readAuditUrlState } from "@/lib/audit/audit-url";
import { excerptAround, truncateText } from "@/lib/audit/excerpt";
import { containsPattern } from "@/lib/audit/exchange-query-sql";
import { createReviewLabelBodySchema, exchangeExportQuerySchema, exchangeSearchQuerySchema } from "@/lib/schemas/audit";

// The audit contracts: what a URL query means, what a label may contain, and
// the small text helpers around them.

describe("exchangeSearchQuerySchema", () => {
  it("treats blanks as unset and fills in the order and page size", () => {
    expect(exchangeSearchQuerySchema.parse({ q: "  ", action: "", rule: "" })).toEqual({ sort: "newest", limit: 50 });
  });

  it("reads dates as instants, and a calendar date as a UTC day with 'to' including that day", () => {
    const parsed = exchangeSearchQuerySchema.parse({ from: "2026-11-20", to: "2026-11-21T09:30:00+10:00" });
    expect(parsed.from?.toISOString()).toBe("2026-11-20T00:00:00.000Z");
    expect(parsed.to?.toISOString()).toBe("2026-11-20T23:30:00.000Z");
    expect(exchangeSearchQuerySchema.parse({ to: "2026-11-20" }).to?.toISOString()).toBe("2026-11-21T00:00:00.000Z");
  });

  it("refuses values it cannot use, naming each field", () => {
    const result = exchangeSearchQuerySchema.safeParse({ action: "maybe", from: "last week", minCompliance: "6", limit: "0", sort: "random", rule: "DROP TABLE" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join(".")).sort()).toEqual(["action", "from", "limit", "minCompliance", "rule", "sort"]);
  });

  it("refuses upside-down ranges", () => {
    const dates = exchangeSearchQuerySchema.safeParse({ from: "2026-11-21", to: "2026-11-20T12:00:00Z" });
    expect(dates.error?.issues[0]).toMatchObject({ path: ["to"], message: "must be after the start of the date range" });
    const scores = exchangeSearchQuerySchema.safeParse({ minCompliance: "4", maxCompliance: "2.5" });
    expect(scores.error?.issues[0]).toMatchObject({ path: ["maxCompliance"] });
  });

  it("needs a format for exports", () => {
    expect(exchangeExportQuerySchema.safeParse({}).success).toBe(false);
    expect(exchangeExportQuerySchema.parse({ format: "jsonl", action: "block" })).toEqual({ format: "jsonl", action: "block", sort: "newest" });
  });
});

describe("createReviewLabelBodySchema", () => {
  it("trims notes and makes a missing escalation null", () => {
    expect(createReviewLabelBodySchema.parse({ verdict: "too_strict", notes: "  Fine answer.  " })).toEqual({ verdict: "too_strict", escalation: null, notes: "Fine answer." });
  });

  it("says what a verdict must be", () => {
    const result = createReviewLabelBodySchema.safeParse({});
    expect(result.error?.issues[0]?.message).toMatch(/choose whether the decision was correct, too strict or too lenient/);
  });
});

describe("the audit URL", () => {
  it("keeps known, non-blank keys in a fixed order, so equal views give equal query strings", () => {
    const state = readAuditUrlState(new URLSearchParams("sort=oldest&bogus=1&q=consent&action=&rule=medication-directive"));
    expect(state).toEqual({ q: "consent", rule: "medication-directive", sort: "oldest" });
    expect(auditQueryString(state)).toBe("q=consent&rule=medication-directive&sort=oldest");
    expect(auditQueryString(state, { q: undefined, cursor: "abc" })).toBe("rule=medication-directive&sort=oldest&cursor=abc");
    expect(readAuditUrlState({ action: ["block", "warn"] })).toEqual({ action: "block" });
    expect(hasFilters({ sort: "oldest", cursor: "x" })).toBe(false);
    expect(hasFilters({ reviewed: "no" })).toBe(true);
  });
});

describe("dates in the reader's time zone", () => {
  it("turns a picked day into the instants its local day starts and ends, and back", () => {
    const start = startOfLocalDay("2026-11-20");
    const end = endOfLocalDay("2026-11-20");
    expect(new Date(start).getDate()).toBe(20);
    expect(new Date(start).getHours()).toBe(0);
    expect(Date.parse(end) - Date.parse(start)).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(fromInputValue(start)).toBe("2026-11-20");
    expect(toInputValue(end)).toBe("2026-11-20");
    expect(fromInputValue("2026-11-20")).toBe("2026-11-20");
    expect(toInputValue(undefined)).toBe("");
  });
});

describe("text helpers", () => {
  it("escapes LIKE wildcards so the user's text matches literally", () => {
    expect(containsPattern("100%_sure\\")).toBe("%100\\%\\_sure\\\\%");
  });

  it("truncates at a word boundary and centres an excerpt on the search term", () => {
    expect(truncateText("Consent   is\nneeded before disclosure.", 20)).toBe("Consent is needed…");
    const text = `${"Background sentence. ".repeat(20)}The key phrase is here. ${"Trailing words. ".repeat(20)}`;
    const excerpt = excerptAround(text, "KEY PHRASE", 60);
    expect(excerpt).toContain("key phrase");
    expect(excerpt.startsWith("…")).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerptAround("Short text.", "absent", 60)).toBe("Short text.");
  });
});
