/** Links to a run's HTML and JSON reports, each opening in a new tab. */
export function ReportLinks({ runId }: { runId: string }) {
  const link = "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100";
  return (
    <div className="flex flex-wrap gap-2">
      <a href={`/api/runs/${runId}/report?format=html`} target="_blank" rel="noopener" className={link}>
        HTML report<span className="sr-only"> (opens in a new tab)</span>
      </a>
      <a href={`/api/runs/${runId}/report?format=json`} target="_blank" rel="noopener" className={link}>
        JSON report<span className="sr-only"> (opens in a new tab)</span>
      </a>
      <a href={`/runs/compare?a=${runId}`} className={link}>
        Compare with another run
      </a>
    </div>
  );
}
