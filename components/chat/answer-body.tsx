import { tokenizeCitations } from "@/lib/conversations/split-answer-text";
import type { TurnCitation } from "@/lib/schemas/conversations";

/**
 * The answer as plain text (React escapes it: model output is never HTML),
 * paragraph by paragraph, with each "see [n]" a button that opens passage n.
 */
export function AnswerBody({
  text,
  citations,
  onOpenCitation,
}: {
  text: string;
  citations: TurnCitation[];
  onOpenCitation: (rank: number) => void;
}) {
  const byRank = new Map(citations.map((citation) => [citation.rank, citation]));
  const ranks = new Set(byRank.keys());
  return (
    <div className="space-y-3 text-[0.95rem] leading-relaxed text-slate-900">
      {text.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index} className="whitespace-pre-wrap break-words">
          {tokenizeCitations(paragraph, ranks).map((token, part) =>
            token.kind === "text" ? (
              token.text
            ) : (
              <button
                key={part}
                type="button"
                onClick={() => onOpenCitation(token.rank)}
                className="rounded px-0.5 font-medium text-blue-800 underline decoration-blue-800/50 underline-offset-2 hover:bg-blue-50 hover:decoration-blue-800"
              >
                {token.text}
                <span className="sr-only">, open passage: {byRank.get(token.rank)?.label}</span>
              </button>
            ),
          )}
        </p>
      ))}
    </div>
  );
}
