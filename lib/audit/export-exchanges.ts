import "server-only";
import { csvRow } from "@/lib/audit/csv";
import type { ExchangeCursor } from "@/lib/audit/exchange-cursor";
import { type ExchangeRow, loadExchangeRows } from "@/lib/audit/load-exchange-rows";
import { findExchangePage } from "@/lib/audit/search-exchanges";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { ExchangeExportQuery, ExportFormat } from "@/lib/schemas/audit";

// Every exchange matching a search, as CSV or JSON Lines, streamed page by
// page (keyset, like the list) so memory stays flat however many rows match.
// Redacted text only. Contract: the query was validated with
// exchangeExportQuerySchema and the caller may read the audit trail.

/** Rows read per database round trip while streaming: big enough to amortise the queries, small enough to stream steadily. */
const BATCH = 500;

export type ExchangeExport = { filename: string; contentType: string; body: ReadableStream<Uint8Array> };

const CSV_HEADER = [
  "id",
  "recorded_at_utc",
  "source",
  "action",
  "needs_review",
  "scenario",
  "provider",
  "model",
  "total_ms",
  "rules_fired",
  "finding_count",
  "judge_verdicts",
  "review_verdict",
  "review_escalation",
  "reviewed_at_utc",
  "label_count",
  "error_stage",
  "question_redacted",
  "final_answer_redacted",
  "conversation_id",
  "evaluation_run_id",
];

/** "medgemma: allow (4.5); gemini: unscored" */
function judgeSummary(judges: ExchangeRow["judges"]): string {
  return judges
    .map((judge) => `${judge.judgeId}: ${judge.status === "scored" ? `${judge.verdict} (${judge.compliance})` : "unscored"}`)
    .join("; ");
}

function csvLine(row: ExchangeRow): string {
  return csvRow([
    row.id,
    row.createdAt,
    row.source,
    row.action,
    row.needsReview,
    row.scenarioId,
    row.provider,
    row.model,
    row.totalMs,
    row.rules.join("; "),
    row.findingCount,
    judgeSummary(row.judges),
    row.review?.verdict,
    row.review?.escalation,
    row.review?.createdAt,
    row.labelCount,
    row.errorStage,
    row.question,
    row.answer,
    row.conversationId,
    row.evaluationRunId,
  ]);
}

/** One exchange as a JSON record; also what `cam audit export` ships to a log service for an exchange. */
export function exchangeJsonRecord(row: ExchangeRow): Record<string, unknown> {
  const { question, answer, ...rest } = row;
  return { ...rest, question, finalAnswer: answer };
}

const jsonLine = (row: ExchangeRow) => `${JSON.stringify(exchangeJsonRecord(row))}\n`;

/** "cam-audit-2026-11-27.csv": the export's date (UTC) in the name, so downloads sort and do not overwrite each other by day. */
export function exportFilename(format: ExportFormat, now: Date): string {
  return `cam-audit-${now.toISOString().slice(0, 10)}.${format}`;
}

/** The export as a stream; see the module comment. CSV starts with a byte-order mark so spreadsheet programs read it as UTF-8. */
export function exportExchanges(
  db: Db,
  query: ExchangeExportQuery,
  options: { now?: Date; requestId?: string; batchSize?: number } = {},
): ExchangeExport {
  const { now = new Date(), requestId, batchSize = BATCH } = options;
  const { sort, format, ...filters } = query;
  const encoder = new TextEncoder();
  let cursor: ExchangeCursor | null = null;
  let started = false;
  let finished = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (format === "csv") controller.enqueue(encoder.encode(`\uFEFF${csvRow(CSV_HEADER)}`));
      }
      if (finished) return controller.close();
      try {
        const { positions, hasMore } = await findExchangePage(db, { filters, sort, cursor, limit: batchSize });
        const rows = await loadExchangeRows(db, positions.map((position) => position.id), { mode: "full" });
        const text = rows.map(format === "csv" ? csvLine : jsonLine).join("");
        if (text) controller.enqueue(encoder.encode(text));
        const last = positions.at(-1);
        if (!hasMore || !last) finished = true;
        else cursor = { sort, direction: "after", key: last.key, createdAt: last.createdAt, id: last.id };
      } catch (error) {
        // The status line has gone already; the download ends incomplete and the log says why.
        logger().error({ err: error, requestId }, "audit export stopped");
        controller.error(error);
      }
    },
  });
  return {
    filename: exportFilename(format, now),
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body,
  };
}
