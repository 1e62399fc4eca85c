"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Notice } from "@/components/ui/status";
import { apiFetch } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export type StoreBuild = {
  id: string;
  status: "building" | "completed" | "failed";
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  progress: { documentsDone: number; documentsTotal: number; embeddingBatchesDone: number; embeddingBatches: number; currentFile?: string };
  storeVersion: string | null;
  documents: number | null;
  chunks: number | null;
  embedding: string | null;
  error: string | null;
};

/** How often a running build is checked. */
const POLL_MS = 1_000;

/** A running build's progress, followed until it ends; then reports the result. */
export function BuildProgress({ buildId, onFinished }: { buildId: string; onFinished: () => void }) {
  const build = useQuery({
    queryKey: queryKeys.storeBuild(buildId),
    queryFn: () => apiFetch<StoreBuild>(`/api/knowledge-base/builds/${buildId}`),
    refetchInterval: (query) => (query.state.data?.status === "building" ? POLL_MS : false),
  });
  const status = build.data?.status;
  const reported = useRef(false);
  useEffect(() => {
    if (status && status !== "building" && !reported.current) {
      reported.current = true;
      onFinished();
    }
  }, [status, onFinished]);

  if (!build.data) return <p role="status" className="mt-3 text-sm text-slate-600">Starting the build…</p>;
  const { progress } = build.data;
  if (build.data.status === "failed") return <div className="mt-3"><Notice tone="error" title="The build failed; the store in use was not changed">{build.data.error}</Notice></div>;
  if (build.data.status === "completed") {
    return (
      <div className="mt-3">
        <Notice tone="success">
          Store version {build.data.storeVersion} is now in use: {build.data.documents} documents, {build.data.chunks} passages.
        </Notice>
      </div>
    );
  }
  const documents = progress.documentsTotal ? progress.documentsDone / progress.documentsTotal : 0;
  const embedding = progress.embeddingBatches ? progress.embeddingBatchesDone / progress.embeddingBatches : 0;
  const overall = Math.round((progress.embeddingBatches ? 0.5 * documents + 0.5 * embedding : documents) * 100);
  return (
    <div className="mt-3 space-y-1">
      <label htmlFor="build-progress" className="block text-sm text-slate-800">
        Building: documents {progress.documentsDone} of {progress.documentsTotal || "?"}
        {progress.embeddingBatches ? `, embedding batch ${progress.embeddingBatchesDone} of ${progress.embeddingBatches}` : ""}
        {progress.currentFile ? ` (${progress.currentFile})` : ""}
      </label>
      <progress id="build-progress" max={100} value={overall} className="h-3 w-full">
        {overall}%
      </progress>
    </div>
  );
}
