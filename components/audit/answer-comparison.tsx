import { countChangedWords, type DiffPart } from "@/lib/audit/diff-words";

// The model's raw answer beside the final answer, with CAM's changes marked:
// removed text struck through on the left, added text underlined on the
// right, so the change reads without colour too. Everything is plain text.

const removed = "rounded-sm bg-red-100 text-red-900 line-through decoration-red-800 decoration-2";
const added = "rounded-sm bg-green-100 text-green-900 underline decoration-green-800 decoration-2 underline-offset-2";
const textBox = "max-h-[36rem] overflow-y-auto whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-slate-50 p-4 text-sm leading-relaxed text-slate-900";

function Side({ parts, side }: { parts: DiffPart[]; side: "raw" | "final" }) {
  return (
    <>
      {parts.map((part, index) => {
        if (part.kind === "same") return <span key={index}>{part.text}</span>;
        if (side === "raw" && part.kind === "removed") {
          return (
            <del key={index} className={removed}>
              {part.text}
            </del>
          );
        }
        if (side === "final" && part.kind === "added") {
          return (
            <ins key={index} className={added}>
              {part.text}
            </ins>
          );
        }
        return null;
      })}
    </>
  );
}

/** Raw and final answer side by side (stacked on narrow screens). `parts` is diffWords(raw, final); null raw means the model never answered. */
export function AnswerComparison({ parts, rawAnswer, finalAnswer, blocked }: { parts: DiffPart[] | null; rawAnswer: string | null; finalAnswer: string; blocked: boolean }) {
  const changes = parts ? countChangedWords(parts) : null;
  return (
    <div className="space-y-3">
      {changes && changes.removed + changes.added === 0 && <p className="text-sm text-slate-700">The final answer is the raw answer unchanged.</p>}
      {changes && changes.removed + changes.added > 0 && (
        <p className="text-sm text-slate-700">
          CAM removed {changes.removed} word{changes.removed === 1 ? "" : "s"} and added {changes.added}.{" "}
          <span className="text-slate-600">
            <del className={removed}>Struck through</del>: only in the raw answer. <ins className={added}>Underlined</ins>: only in the final answer.
          </span>
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">
            Raw answer from the model{blocked && <span className="font-normal text-red-800"> (blocked: never shown to the clinician)</span>}
          </h3>
          {rawAnswer === null ? (
            <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">The model gave no answer for this exchange.</p>
          ) : (
            <div className={textBox} data-testid="raw-answer" tabIndex={0} role="region" aria-label="Raw answer text">
              {parts ? <Side parts={parts} side="raw" /> : rawAnswer}
            </div>
          )}
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Final answer the clinician saw</h3>
          <div className={textBox} data-testid="final-answer" tabIndex={0} role="region" aria-label="Final answer text">
            {parts ? <Side parts={parts} side="final" /> : finalAnswer}
          </div>
        </div>
      </div>
    </div>
  );
}
