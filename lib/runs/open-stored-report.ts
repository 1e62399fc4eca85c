import "server-only";
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { extname, isAbsolute } from "node:path";
import { Readable } from "node:stream";

// Opens a report file that `cam pipeline --html/--json` wrote, at the path the
// run recorded, and nothing else: the path never comes from a request. Even
// so it is checked: absolute, the report's own extension, a regular file (not
// a link, device or pipe), of sane size, and written after the run last
// finished (a run resumed without --html keeps the path of an older report).
// Anything else is refused, and the caller renders the report instead.

export type ReportFormat = "html" | "json";

const EXTENSIONS: Record<ReportFormat, string[]> = { html: [".html", ".htm"], json: [".json"] };
/** Larger files are not served: a report of thousands of questions is a few megabytes. */
const MAX_REPORT_BYTES = 200 * 1024 * 1024;
/** File times and database times come from different clocks with different precision. */
const CLOCK_TOLERANCE_MS = 2_000;

export type StoredReport = { stream: ReadableStream<Uint8Array>; size: number };

/** The stored report as a stream, or why it cannot be used. */
export async function openStoredReport(options: {
  path: string;
  format: ReportFormat;
  finishedAt: Date | null;
}): Promise<{ report: StoredReport } | { refused: string }> {
  const { path, format, finishedAt } = options;
  if (!isAbsolute(path)) return { refused: "the recorded path is not absolute" };
  if (!EXTENSIONS[format].includes(extname(path).toLowerCase())) return { refused: `the recorded path does not end in ${EXTENSIONS[format].join(" or ")}` };
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NOFOLLOW: a symbolic link put in the report's place is not followed; O_NONBLOCK: a pipe cannot stall the request.
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { refused: `the file cannot be opened (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  const stats = await handle.stat();
  const refusal = !stats.isFile()
    ? "it is not a regular file"
    : stats.size > MAX_REPORT_BYTES
      ? "it is too large"
      : finishedAt && stats.mtimeMs < finishedAt.getTime() - CLOCK_TOLERANCE_MS
        ? "it is older than the run's last finish"
        : undefined;
  if (refusal) {
    await handle.close();
    return { refused: refusal };
  }
  // The stream closes the file when it ends or is cancelled.
  return { report: { stream: Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>, size: stats.size } };
}
