"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { TurnCitation } from "@/lib/schemas/conversations";
import { formatPages, formatScore } from "./format";

/** The clause part of a passage's label ("Code — 7.2.4" gives "7.2.4"); labels without one are shown whole. */
function clauseOf(citation: TurnCitation): string {
  const prefix = `${citation.sourceTitle} — `;
  return citation.label.startsWith(prefix) && citation.label.length > prefix.length ? citation.label.slice(prefix.length) : citation.label;
}

/** A retrieved passage in a dialog: where it comes from, how close it was to the question, and its text. */
export function CitationPanel({
  citations,
  rank,
  onChangeRank,
  onClose,
}: {
  citations: TurnCitation[];
  rank: number | null;
  onChangeRank: (rank: number) => void;
  onClose: () => void;
}) {
  const index = citations.findIndex((citation) => citation.rank === rank);
  const citation = citations[index];
  const previous = citations[index - 1];
  const next = citations[index + 1];
  return (
    <Dialog
      open={Boolean(citation)}
      onClose={onClose}
      title={citation ? `[${citation.rank}] ${citation.sourceTitle}` : "Passage"}
      footer={
        citation &&
        (previous || next) && (
          <nav aria-label="Other passages of this answer" className="flex w-full justify-between gap-2">
            <Button variant="secondary" disabled={!previous} onClick={() => previous && onChangeRank(previous.rank)}>
              Previous passage
            </Button>
            <Button variant="secondary" disabled={!next} onClick={() => next && onChangeRank(next.rank)}>
              Next passage
            </Button>
          </nav>
        )
      }
    >
      {citation && (
        <div className="space-y-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="font-medium text-slate-700">Source</dt>
            <dd className="text-slate-900">{citation.sourceTitle}</dd>
            <dt className="font-medium text-slate-700">Clause</dt>
            <dd className="text-slate-900">{clauseOf(citation)}</dd>
            <dt className="font-medium text-slate-700">Similarity</dt>
            <dd className="text-slate-900">{formatScore(citation.score)} match with the question</dd>
            <dt className="font-medium text-slate-700">Pages</dt>
            <dd className="text-slate-900">{formatPages(citation) ?? "Not recorded for this answer"}</dd>
            <dt className="font-medium text-slate-700">Use</dt>
            <dd className="text-slate-900">{citation.cited ? "Cited in the answer" : "Retrieved, not cited in the answer"}</dd>
          </dl>
          <div>
            <h3 className="text-sm font-semibold text-slate-900">Passage</h3>
            {/* Focusable, so keyboard users can scroll a long passage with the arrow keys. */}
            <blockquote
              tabIndex={0}
              aria-label={`Passage ${citation.rank}`}
              className="mt-2 whitespace-pre-wrap break-words border-l-4 border-blue-200 pl-3 text-sm leading-relaxed text-slate-900"
            >
              {citation.text}
            </blockquote>
          </div>
        </div>
      )}
    </Dialog>
  );
}
