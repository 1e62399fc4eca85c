import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { renderHtmlReport } from "@/lib/pipeline/evaluation/render-html-report";
import { renderJsonReport } from "@/lib/pipeline/evaluation/render-json-report";
import { computeRunMetricsNow } from "@/lib/runs/compute-run-metrics-now";
import { openStoredReport, type ReportFormat } from "@/lib/runs/open-stored-report";

export type RunReport = {
  format: ReportFormat;
  /** "stored": the file the pipeline wrote; "rendered": made now from the database. */
  source: "stored" | "rendered";
  body: ReadableStream<Uint8Array> | string;
  filename: string;
};

/**
 * A run's HTML or JSON report: the file `cam pipeline` wrote for it when that
 * file is still there and current (open-stored-report.ts), otherwise rendered
 * now from the database with the same functions, so every run has both reports.
 */
export async function getRunReport(db: Db, options: { runId: string; format: ReportFormat }): Promise<RunReport> {
  const { runId, format } = options;
  const run = await db.evaluationRun.findUnique({
    where: { id: runId },
    select: { id: true, metrics: true, options: true, finishedAt: true, reportHtmlPath: true, reportJsonPath: true },
  });
  if (!run) throw new AppError("not_found", `There is no evaluation run ${runId}. Choose a run from the Runs page.`);
  const filename = `cam-run-${run.id}.${format}`;
  const path = format === "html" ? run.reportHtmlPath : run.reportJsonPath;
  if (path) {
    const stored = await openStoredReport({ path, format, finishedAt: run.finishedAt });
    if ("report" in stored) return { format, source: "stored", body: stored.report.stream, filename };
    logger().warn({ runId, format, reason: stored.refused }, "stored report not used; rendering it from the database");
  }
  const { metrics, summary, exchanges } = await computeRunMetricsNow(db, run);
  const body = format === "html" ? renderHtmlReport(summary, metrics, exchanges) : renderJsonReport(summary, metrics, exchanges);
  return { format, source: "rendered", body, filename };
}

/** The security policy of a served HTML report: it is self-contained (inline CSS and SVG), so it may load nothing. */
export const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Response headers for a report: its type, the strict policy for HTML, a file name, and no caching of audit data. */
export function reportHeaders(report: RunReport): Record<string, string> {
  return {
    "content-type": report.format === "html" ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
    ...(report.format === "html" ? { "content-security-policy": REPORT_CONTENT_SECURITY_POLICY, "x-frame-options": "DENY" } : {}),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "private, no-store",
    "content-disposition": `inline; filename="${report.filename}"`,
    "x-cam-report-source": report.source,
  };
}
