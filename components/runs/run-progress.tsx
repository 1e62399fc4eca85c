import type { RunProgress as Progress } from "@/lib/runs/run-types";

/** Items answered out of the run's total, as a bar and in words (failed items counted among the answered). */
export function RunProgress({ progress, label }: { progress: Progress; label: string }) {
  return (
    <div>
      <progress className="h-2 w-full accent-blue-700" value={progress.done} max={Math.max(progress.total, 1)} aria-label={`Progress of ${label}`} />
      <p className="text-xs text-slate-700">
        {progress.done} of {progress.total}
        {progress.failed > 0 ? `, ${progress.failed} failed` : ""}
      </p>
    </div>
  );
}
