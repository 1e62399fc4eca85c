import { z } from "zod";
import { addBuckets, BUCKET_SIZES, type BucketSize } from "@/lib/dashboard/time-buckets";

// The dashboard's filters, as they appear in the page's URL and in every
// GET /api/dashboard/<chart> request: a range of UTC days, a scenario, a judge,
// a model, where questions came from, and the size of the time buckets.
// Missing values get defaults (the last 30 days, buckets chosen from the
// range's length). Client-safe.

export const EXCHANGE_SOURCES = ["console", "api", "pipeline"] as const;
export type ExchangeSourceFilter = (typeof EXCHANGE_SOURCES)[number];
export const BUCKET_CHOICES = ["auto", ...BUCKET_SIZES] as const;
export type BucketChoice = (typeof BUCKET_CHOICES)[number];

/** Days shown when the URL names no range. */
export const DEFAULT_RANGE_DAYS = 30;
/** Longest range: ten years, so a typo in a year cannot ask for a century of buckets. */
export const MAX_RANGE_DAYS = 3_660;
/** Most buckets one chart draws; more would be unreadable and slow. */
export const MAX_BUCKETS = 400;
/** Automatic buckets: hours up to 2 days, days up to 120 days, months beyond. */
const AUTO_HOURS_UP_TO_DAYS = 2;
const AUTO_DAYS_UP_TO_DAYS = 120;

export type DashboardFilters = {
  /** First UTC day, YYYY-MM-DD. */
  from: string;
  /** Last UTC day, YYYY-MM-DD (inclusive). */
  to: string;
  bucket: BucketSize;
  /** What the URL asked for: "auto" or a size. */
  bucketChoice: BucketChoice;
  scenario?: string;
  judge?: string;
  model?: string;
  source?: ExchangeSourceFilter;
};

/** Empty form fields arrive as ""; they mean "not set". */
const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const isoDay = z.preprocess(
  blankAsMissing,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date such as 2026-11-26" })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
      error: "is not a calendar date",
    })
    .optional(),
);
const name = z.preprocess(blankAsMissing, z.string().trim().max(200).optional());

export const dashboardQueryInputSchema = z.object({
  from: isoDay,
  to: isoDay,
  scenario: name,
  judge: name,
  model: name,
  source: z.preprocess(blankAsMissing, z.enum(EXCHANGE_SOURCES).optional()),
  bucket: z.preprocess(blankAsMissing, z.enum(BUCKET_CHOICES).default("auto")),
});

export type DashboardQueryInput = z.infer<typeof dashboardQueryInputSchema>;

const DAY_MS = 86_400_000;
const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);

/** The instants a filter covers: [first day 00:00 UTC, the day after the last 00:00 UTC). */
export function filterRange(filters: Pick<DashboardFilters, "from" | "to">): { start: Date; end: Date } {
  return { start: new Date(`${filters.from}T00:00:00.000Z`), end: new Date(new Date(`${filters.to}T00:00:00.000Z`).getTime() + DAY_MS) };
}

/** How many buckets of a size the range spans. */
export function countBuckets(range: { start: Date; end: Date }, size: BucketSize): number {
  let count = 0;
  for (let at = addBuckets(range.start, size, 0); at < range.end && count <= MAX_BUCKETS; at = addBuckets(at, size, 1)) count += 1;
  return count;
}

/** Filters with defaults applied, or the problems with the input (field path and message). */
export function resolveDashboardFilters(
  input: DashboardQueryInput,
  now: Date,
): { filters: DashboardFilters } | { issues: { path: string; message: string }[] } {
  const to = input.to ?? dayOf(now);
  const from = input.from ?? dayOf(new Date(new Date(`${to}T00:00:00Z`).getTime() - (DEFAULT_RANGE_DAYS - 1) * DAY_MS));
  if (from > to) return { issues: [{ path: "from", message: `must be on or before the end date (${to})` }] };
  const range = filterRange({ from, to });
  const days = (range.end.getTime() - range.start.getTime()) / DAY_MS;
  if (days > MAX_RANGE_DAYS) return { issues: [{ path: "from", message: `is too early: a range covers at most ${MAX_RANGE_DAYS} days` }] };
  const bucket: BucketSize =
    input.bucket !== "auto" ? input.bucket : days <= AUTO_HOURS_UP_TO_DAYS ? "hour" : days <= AUTO_DAYS_UP_TO_DAYS ? "day" : "month";
  if (countBuckets(range, bucket) > MAX_BUCKETS) {
    return { issues: [{ path: "bucket", message: `gives more than ${MAX_BUCKETS} ${bucket}s for this range; choose a larger bucket or a shorter range` }] };
  }
  const { scenario, judge, model, source } = input;
  return { filters: { from, to, bucket, bucketChoice: input.bucket, scenario, judge, model, source } };
}

/** Resolves parsed input against the current date, reporting problems as zod issues (a 422 naming the field). */
function resolveOrReport(input: DashboardQueryInput, context: z.RefinementCtx): DashboardFilters {
  const resolved = resolveDashboardFilters(input, new Date());
  if ("filters" in resolved) return resolved.filters;
  for (const issue of resolved.issues) context.addIssue({ code: "custom", path: [issue.path], message: issue.message });
  return z.NEVER;
}

/** The query contract of every dashboard chart route: the URL's filters, resolved against the current date. */
export const dashboardQuerySchema = dashboardQueryInputSchema.transform(resolveOrReport);

/** The scores-by-group route's query: the filters, and whether to group by scenario (the default) or model. */
export const scoresByGroupQuerySchema = dashboardQueryInputSchema
  .extend({ by: z.preprocess(blankAsMissing, z.enum(["scenario", "model"]).default("scenario")) })
  .transform(({ by, ...input }, context) => ({ by, filters: resolveOrReport(input, context) }));

/** The URL search parameters that reproduce the filters (defaults included, so a link shows the same data later). */
export function dashboardSearchParams(filters: DashboardFilters): URLSearchParams {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.bucketChoice !== "auto") params.set("bucket", filters.bucketChoice);
  for (const key of ["scenario", "judge", "model", "source"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}


/** Filters for a page URL: the valid ones resolved, and any problems in words (the page then shows the defaults and says why). */
export function readDashboardFilters(searchParams: Record<string, string | string[] | undefined>, now: Date): { filters: DashboardFilters; problems: string[] } {
  const raw = Object.fromEntries(Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = dashboardQueryInputSchema.safeParse(raw);
  const resolved = parsed.success ? resolveDashboardFilters(parsed.data, now) : undefined;
  if (resolved && "filters" in resolved) return { filters: resolved.filters, problems: [] };
  const problems = parsed.success
    ? (resolved && "issues" in resolved ? resolved.issues : []).map((issue) => `${issue.path} ${issue.message}`)
    : parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  const defaults = resolveDashboardFilters({ bucket: "auto" } as DashboardQueryInput, now);
  if (!("filters" in defaults)) throw new Error("The default dashboard filters are invalid.");
  return { filters: defaults.filters, problems };
}
