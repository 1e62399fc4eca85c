import { Disclosure } from "@/components/ui/disclosure";
import type { TurnCitation } from "@/lib/schemas/conversations";
import { formatScore } from "./format";

function SourceButton({ citation, onOpen }: { citation: TurnCitation; onOpen: (rank: number) => void }) {
  return (
    <li>
      <button
        type="button"
        onClick={() => onOpen(citation.rank)}
        className="group flex w-full items-baseline gap-2 rounded-md px-2 py-1 text-left text-sm hover:bg-slate-100"
      >
        <span className="font-semibold text-blue-800">[{citation.rank}]</span>
        <span className="min-w-0 flex-1 text-slate-900 group-hover:underline">{citation.label}</span>
        <span className="shrink-0 tabular-nums text-slate-700">{formatScore(citation.score)}</span>
      </button>
    </li>
  );
}

/** The passages an answer cites, and the others retrieved for it, each opening its text. */
export function SourcesList({
  citations,
  retrieval,
  onOpen,
}: {
  citations: TurnCitation[];
  retrieval: boolean;
  onOpen: (rank: number) => void;
}) {
  if (!retrieval) {
    return <p className="text-sm text-slate-700">This scenario does not use retrieval: the model answered from its own knowledge and cites no passages.</p>;
  }
  if (citations.length === 0) {
    return <p className="text-sm text-slate-700">No passage in the knowledge base was close enough to the question to use.</p>;
  }
  const cited = citations.filter((citation) => citation.cited);
  const others = citations.filter((citation) => !citation.cited);
  return (
    <div>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-700">{cited.length ? "Sources cited" : "No source cited"}</h4>
      {cited.length > 0 && (
        <ul className="-mx-2 mt-1">
          {cited.map((citation) => (
            <SourceButton key={citation.rank} citation={citation} onOpen={onOpen} />
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <Disclosure label={`${cited.length ? "Other passages" : "Passages"} retrieved (${others.length})`} className="mt-1">
          <ul className="-mx-2">
            {others.map((citation) => (
              <SourceButton key={citation.rank} citation={citation} onOpen={onOpen} />
            ))}
          </ul>
        </Disclosure>
      )}
    </div>
  );
}
