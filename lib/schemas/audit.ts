import { z } from "zod";
import { Action, Escalation, ReviewVerdict } from "@/lib/generated/sqlite/enums";

// Contracts of the audit views: the search filters (shared by the audit page's
// URL, GET /api/exchanges and the export), and the reviewer's label form.
// Filters arrive as URL query strings, so blanks mean "not set". Client-safe.

/** How a result list can be ordered. Every order ends with the exchange id, so paging never skips or repeats a row. */
export const exchangeSorts = ["newest", "oldest", "slowest", "most-findings"] as const;
export type ExchangeSort = (typeof exchangeSorts)[number];

export const sortLabels: Record<ExchangeSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  slowest: "Slowest first",
  "most-findings": "Most findings first",
};

export const exportFormats = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Longest text search accepted; longer strings are never a useful LIKE pattern. */
export const MAX_SEARCH_CHARS = 200;
/** Rows per page: the default, and the most one request may ask for. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * An instant (ISO 8601 with an offset, as the console sends), or a calendar
 * date read as a UTC day: its start for `from`, the start of the next day for `to`.
 */
const instant = (edge: "from" | "to") =>
  z
    .string()
    .trim()
    .refine((value) => (DATE_ONLY.test(value) || z.iso.datetime({ offset: true }).safeParse(value).success) && !Number.isNaN(Date.parse(value)), {
      error: "must be a date (2026-11-26) or a date and time with a time zone (2026-11-26T09:30:00+10:00)",
    })
    .transform((value) => {
      const time = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
      return new Date(DATE_ONLY.test(value) && edge === "to" ? time + DAY_MS : time);
    });

const complianceScore = z.coerce
  .number({ error: "must be a number from 0 to 5" })
  .min(0, { error: "must be at least 0" })
  .max(5, { error: "must be at most 5" });

const identifier = z.string().trim().max(64, { error: "must be at most 64 characters" });

/** Every filter of the audit list; all optional, all combined with AND. */
export const exchangeFilterShape = {
  /** Words in the redacted question or final answer (case-insensitive, as typed: no wildcards). */
  q: optional(z.string().trim().max(MAX_SEARCH_CHARS, { error: `must be at most ${MAX_SEARCH_CHARS} characters` })),
  action: optional(z.enum(Action, { error: "must be allow, warn or block" })),
  /** A rule that fired (Finding.ruleId). */
  rule: optional(z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: "must be a rule id such as self-harm-instructions" })),
  scenario: optional(z.string().trim().max(32, { error: "must be at most 32 characters" })),
  model: optional(z.string().trim().max(100, { error: "must be at most 100 characters" })),
  /** Recorded at or after this instant. */
  from: optional(instant("from")),
  /** Recorded before this instant. */
  to: optional(instant("to")),
  /** Some judge gave this verdict. */
  verdict: optional(z.enum(Action, { error: "must be allow, warn or block" })),
  /** Some judge's compliance score is in [minCompliance, maxCompliance] (with the verdict, when both are set). */
  minCompliance: optional(complianceScore),
  maxCompliance: optional(complianceScore),
  /** Whether a reviewer has labelled it. */
  reviewed: optional(z.enum(["yes", "no"], { error: "must be yes or no" })),
  conversation: optional(identifier),
  run: optional(identifier),
};

type FilterFields = { from?: Date; to?: Date; minCompliance?: number; maxCompliance?: number };

/** Ranges must not be upside down. */
function checkRanges(filters: FilterFields, ctx: z.RefinementCtx): void {
  if (filters.from && filters.to && filters.from >= filters.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "must be after the start of the date range" });
  }
  if (filters.minCompliance !== undefined && filters.maxCompliance !== undefined && filters.minCompliance > filters.maxCompliance) {
    ctx.addIssue({ code: "custom", path: ["maxCompliance"], message: "must be at least the lowest compliance score" });
  }
}

export const exchangeFiltersSchema = z.object(exchangeFilterShape).superRefine(checkRanges);
export type ExchangeFilters = z.infer<typeof exchangeFiltersSchema>;

const sortSchema = z.preprocess(blankToUndefined, z.enum(exchangeSorts, { error: `must be one of: ${exchangeSorts.join(", ")}` }).default("newest"));

/** GET /api/exchanges: filters, order, and a page. */
export const exchangeSearchQuerySchema = z
  .object({
    ...exchangeFilterShape,
    sort: sortSchema,
    /** Opaque position from a previous page's nextCursor or prevCursor. */
    cursor: optional(z.string().trim().max(512, { error: "is not a valid page link" })),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: "must be a whole number" })
        .int({ error: "must be a whole number" })
        .min(1, { error: "must be at least 1" })
        .max(MAX_PAGE_SIZE, { error: `must be at most ${MAX_PAGE_SIZE}` })
        .default(DEFAULT_PAGE_SIZE),
    ),
  })
  .superRefine(checkRanges);
export type ExchangeSearchQuery = z.infer<typeof exchangeSearchQuerySchema>;

/** GET /api/exchanges/export: the same filters and order, every matching row. */
export const exchangeExportQuerySchema = z
  .object({
    ...exchangeFilterShape,
    sort: sortSchema,
    format: z.enum(exportFormats, { error: "must be csv or jsonl" }),
  })
  .superRefine(checkRanges);
export type ExchangeExportQuery = z.infer<typeof exchangeExportQuerySchema>;

/** The query-string names the audit page keeps in its URL, in a fixed order. */
export const auditUrlKeys = [...Object.keys(exchangeFilterShape), "sort", "cursor"] as const;

export const MAX_LABEL_NOTES_CHARS = 4_000;

/** POST /api/exchanges/[id]/labels: a reviewer's verdict on CAM's decision. */
export const createReviewLabelBodySchema = z.object({
  verdict: z.enum(ReviewVerdict, { error: "is required: choose whether the decision was correct, too strict or too lenient" }),
  escalation: z.enum(Escalation, { error: "must be critical, high or moderate" }).nullish().transform((value) => value ?? null),
  notes: z
    .string({ error: "must be text" })
    .trim()
    .max(MAX_LABEL_NOTES_CHARS, { error: `must be at most ${MAX_LABEL_NOTES_CHARS.toLocaleString("en-AU")} characters` })
    .default(""),
});
export type CreateReviewLabelBody = z.infer<typeof createReviewLabelBodySchema>;

export const reviewVerdictLabels: Record<ReviewVerdict, string> = {
  correct: "Decision correct",
  too_strict: "Too strict",
  too_lenient: "Too lenient",
};

export const escalationLabels: Record<Escalation, string> = {
  critical: "Critical",
  high: "High",
  moderate: "Moderate",
};
