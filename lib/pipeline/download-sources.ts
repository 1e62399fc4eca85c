import "server-only";
import { existsSync } from "node:fs";
import { mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CatalogueEntry } from "@/lib/pipeline/source-catalogue";

// `cam ingest --download`: fetches the catalogued documents from their official
// addresses. Each download must really be a PDF (publishers often answer with
// an HTML page); network failures, 429 and 5xx are retried with backoff;
// anything else fails that one document and the rest carry on.

export type DownloadOutcome =
  | { file: string; status: "downloaded"; bytes: number; attempts: number }
  | { file: string; status: "present" }
  | { file: string; status: "failed"; reason: string; attempts: number };

export type DownloadOptions = {
  entries: CatalogueEntry[];
  docsDir: string;
  /** Download again even when a PDF of that name is already there. */
  force?: boolean;
  attempts?: number;
  /** First retry delay; doubles each time. */
  backoffMs?: number;
  timeoutMs?: number;
  onOutcome?: (outcome: DownloadOutcome, index: number, total: number) => void;
};

const DEFAULTS = { attempts: 4, backoffMs: 1_000, timeoutMs: 120_000 };
/** The longest wait a server's Retry-After may impose before we give up on it. */
const MAX_RETRY_AFTER_MS = 60_000;

class RetryableError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

async function isPdfFile(path: string): Promise<boolean> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).toString("latin1").includes("%PDF-");
  } finally {
    await file.close();
  }
}

async function fetchPdf(url: string, timeoutMs: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/pdf" } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new RetryableError(`network error${cause ? ` (${cause})` : ""}: ${(error as Error).message}`);
  }
  if (response.status === 429 || response.status >= 500) {
    const retryAfter = Number(response.headers.get("retry-after"));
    throw new RetryableError(`HTTP ${response.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!Buffer.from(bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-")) {
    const type = response.headers.get("content-type") ?? "unknown type";
    throw new Error(`the address returned ${type}, not a PDF (${bytes.length} bytes); the publisher may have moved the document`);
  }
  return bytes;
}

async function downloadOne(entry: CatalogueEntry, options: DownloadOptions & typeof DEFAULTS): Promise<DownloadOutcome> {
  const path = join(options.docsDir, entry.file);
  if (!options.force && existsSync(path) && (await isPdfFile(path))) return { file: entry.file, status: "present" };
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const bytes = await fetchPdf(entry.url, options.timeoutMs);
      const partial = `${path}.part`;
      await writeFile(partial, bytes);
      await rename(partial, path);
      return { file: entry.file, status: "downloaded", bytes: bytes.length, attempts };
    } catch (error) {
      await rm(`${path}.part`, { force: true });
      const retryable = error instanceof RetryableError && attempts < options.attempts;
      if (!retryable) return { file: entry.file, status: "failed", reason: (error as Error).message, attempts };
      const delay = Math.min(MAX_RETRY_AFTER_MS, error.retryAfterMs ?? options.backoffMs * 2 ** (attempts - 1));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Downloads every catalogued document into `docsDir`, one at a time (publishers rate-limit). */
export async function downloadSources(options: DownloadOptions): Promise<DownloadOutcome[]> {
  const settings = {
    ...options,
    attempts: options.attempts ?? DEFAULTS.attempts,
    backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
  };
  await mkdir(options.docsDir, { recursive: true });
  const outcomes: DownloadOutcome[] = [];
  for (const [index, entry] of options.entries.entries()) {
    const outcome = await downloadOne(entry, settings);
    outcomes.push(outcome);
    options.onOutcome?.(outcome, index + 1, options.entries.length);
  }
  return outcomes;
}
