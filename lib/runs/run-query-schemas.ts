import { z } from "zod";

// Query contracts of the runs routes and pages. Client-safe.

export const runReportQuerySchema = z.object({
  format: z.enum(["html", "json"], { error: 'must be "html" or "json"' }).default("html"),
});

const runId = z.string().trim().min(1, { error: "is required: choose a run" }).max(64);

export const runComparisonQuerySchema = z
  .object({ a: runId, b: runId })
  .refine((query) => query.a !== query.b, { error: "must be a different run from the first", path: ["b"] });

/** How many runs a list shows, newest first. */
export const runListQuerySchema = z.object({ take: z.coerce.number().int().min(1).max(200).default(50) });
