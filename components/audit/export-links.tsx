/** Downloads of every exchange matching the filters (not only this page), with redacted text only. */
export function ExportLinks({ filters }: { filters: string }) {
  const href = (format: "csv" | "jsonl") => `/api/exchanges/export?format=${format}${filters ? `&${filters}` : ""}`;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100";
  return (
    <div role="group" aria-labelledby="export-label" className="flex flex-wrap items-center gap-2">
      <span id="export-label" className="text-sm text-slate-700">
        Export every matching exchange (redacted):
      </span>
      <a href={href("csv")} download className={link}>
        CSV
      </a>
      <a href={href("jsonl")} download className={link}>
        JSON Lines
      </a>
    </div>
  );
}
