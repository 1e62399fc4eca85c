/** The whole prompt sent to the model, closed by default, in monospace so its layout shows as sent. */
export function PromptView({ prompt }: { prompt: string | null }) {
  if (prompt === null) return <p className="text-sm text-slate-700">No prompt was recorded (the exchange failed before the model was asked).</p>;
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-blue-800">
        Show the prompt ({prompt.length.toLocaleString("en-AU")} characters)
      </summary>
      <pre tabIndex={0} role="region" aria-label="Prompt text" className="mt-3 max-h-[40rem] overflow-auto whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-slate-50 p-4 font-mono text-xs leading-relaxed text-slate-900">
        {prompt}
      </pre>
    </details>
  );
}
