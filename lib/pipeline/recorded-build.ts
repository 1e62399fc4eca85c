import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type BuildSummary, buildStore, type IngestEvent } from "@/lib/pipeline/build-store";
import { manifestSchema, STORE_FILES } from "@/lib/retrieval/store-format";

// Store builds with a history: each build is a StoreBuild row that shows its
// progress while it runs and its result (or error) afterwards, whether it was
// started from the console or from `cam ingest`. Only one build runs at a time.

/** A build still "building" after this long was interrupted (its process died). */
export const STALE_BUILD_MS = 2 * 60 * 60_000;

type Progress = { documentsDone: number; documentsTotal: number; embeddingBatchesDone: number; embeddingBatches: number; currentFile?: string };

/** Refuses to start while another build is running; returns the new build's id. */
export async function startRecordedBuild(db: Db, options: { trigger: "console" | "cli"; actorId: string | null }): Promise<string> {
  const running = await db.storeBuild.findFirst({
    where: { status: "building", startedAt: { gt: new Date(Date.now() - STALE_BUILD_MS) } },
  });
  if (running) {
    throw new AppError("conflict", `A store build started at ${running.startedAt.toISOString()} is still running. Wait for it to finish.`);
  }
  const progress: Progress = { documentsDone: 0, documentsTotal: 0, embeddingBatchesDone: 0, embeddingBatches: 0 };
  const build = await db.storeBuild.create({ data: { status: "building", trigger: options.trigger, startedById: options.actorId, progress } });
  return build.id;
}

/** Runs a started build to its end, keeping its row up to date; returns the summary or rethrows the failure. */
export async function runRecordedBuild(
  db: Db,
  buildId: string,
  options: Omit<Parameters<typeof buildStore>[0], "onEvent"> & { onEvent?: (event: IngestEvent) => void },
): Promise<BuildSummary> {
  const progress: Progress = { documentsDone: 0, documentsTotal: 0, embeddingBatchesDone: 0, embeddingBatches: 0 };
  let writing = Promise.resolve();
  const save = () => {
    const snapshot = { ...progress };
    writing = writing.then(() => db.storeBuild.update({ where: { id: buildId }, data: { progress: snapshot } }).then(() => undefined)).catch(() => undefined);
  };
  try {
    const summary = await buildStore({
      ...options,
      onEvent: (event) => {
        options.onEvent?.(event);
        if (event.type === "document") Object.assign(progress, { documentsDone: event.index, documentsTotal: event.total, currentFile: event.file });
        if (event.type === "embedding") Object.assign(progress, { embeddingBatchesDone: event.batch, embeddingBatches: event.batches });
        save();
      },
    });
    await writing;
    const manifest = manifestSchema.parse(JSON.parse(await readFile(join(options.storeDir, STORE_FILES.manifest), "utf8")));
    await db.storeBuild.update({
      where: { id: buildId },
      data: {
        status: "completed",
        finishedAt: new Date(),
        progress,
        storeVersion: summary.storeVersion,
        documents: summary.documents,
        pages: summary.pages,
        chunks: summary.chunks,
        embedding: summary.embedding,
        sources: manifest.sources.map((source) => ({ file: source.file, sha256: source.sha256 })),
        skipped: summary.skipped,
      },
    });
    return summary;
  } catch (error) {
    await writing;
    await db.storeBuild.update({ where: { id: buildId }, data: { status: "failed", finishedAt: new Date(), error: (error as Error).message } });
    throw error;
  }
}
