import { LocalTime } from "@/components/ui/local-time";
import { splitAnswerText } from "@/lib/conversations/split-answer-text";
import type { ConversationTurn } from "@/lib/schemas/conversations";
import { ActionBadge } from "./action-badge";
import { AnswerBody } from "./answer-body";
import { JudgeScoresSection } from "./judge-scores";
import { LatencyDetails } from "./latency-details";
import { SourcesList } from "./sources-list";

/** The texts of the settings in force, to recognise the parts of an answer exactly. */
export type AnswerTexts = { disclaimer: string; crisisResources: string };

const stripes: Record<ConversationTurn["action"], string> = {
  allow: "border-l-green-600",
  warn: "border-l-amber-500",
  block: "border-l-red-600",
};

function CrisisResources({ text }: { text: string }) {
  return (
    <div className="rounded-md border-2 border-red-300 bg-red-50 p-3 text-sm text-red-950">
      <h4 className="font-semibold">If you or someone else needs help now</h4>
      <p className="mt-1 whitespace-pre-wrap">{text}</p>
    </div>
  );
}

function Withheld({ turn, message }: { turn: ConversationTurn; message: string }) {
  const rules = [...new Set(turn.findings.filter((finding) => finding.severity === "block").map((finding) => finding.message))];
  return (
    <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950">
      <h4 className="font-semibold">The answer was withheld</h4>
      <p className="mt-1 whitespace-pre-wrap">{message}</p>
      {turn.needsReview && <p className="mt-2">A review was logged: a reviewer will look at this exchange in the audit trail.</p>}
      {rules.length > 0 && (
        <>
          <p className="mt-2 font-medium">Why it was withheld:</p>
          <ul className="mt-1 list-disc pl-5">
            {rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** One answer: CAM's decision, crisis resources first, warnings, the text with its citations, sources, timings and judge scores. */
export function AnswerCard({
  turn,
  number,
  texts,
  onOpenCitation,
}: {
  turn: ConversationTurn;
  number: number;
  texts: AnswerTexts;
  onOpenCitation: (rank: number) => void;
}) {
  if (turn.error) {
    return (
      <article aria-label={`Answer ${number}`} className="rounded-lg border border-l-4 border-slate-200 border-l-slate-500 bg-white p-4 shadow-sm">
        <h3 className="text-sm font-semibold text-slate-900">This question was not answered</h3>
        <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{turn.error}</p>
        <div className="mt-3">
          <LatencyDetails latency={turn.latency} failed />
        </div>
      </article>
    );
  }
  const parts = splitAnswerText(turn.text, texts);
  return (
    <article aria-label={`Answer ${number}`} className={`space-y-3 rounded-lg border border-l-4 border-slate-200 bg-white p-4 shadow-sm ${stripes[turn.action]}`}>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h3 className="sr-only">Answer {number}</h3>
        <ActionBadge action={turn.action} />
        <span className="text-sm text-slate-700">
          Scenario {turn.scenario.id} · <span className="font-mono text-xs">{turn.scenario.model}</span>
        </span>
        <span className="text-sm text-slate-700">
          <LocalTime iso={turn.createdAt} />
        </span>
      </header>
      {parts.crisis && <CrisisResources text={parts.crisis} />}
      {turn.withheld ? (
        <Withheld turn={turn} message={parts.body} />
      ) : (
        <>
          {parts.warnings.length > 0 && (
            <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              <h4 className="font-semibold">Warnings: check before relying on this answer</h4>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {parts.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </div>
          )}
          <AnswerBody text={parts.body} citations={turn.citations} onOpenCitation={onOpenCitation} />
          {parts.disclaimer && <p className="text-xs leading-relaxed text-slate-700">{parts.disclaimer}</p>}
          <SourcesList citations={turn.citations} retrieval={turn.scenario.retrieval} onOpen={onOpenCitation} />
        </>
      )}
      <LatencyDetails latency={turn.latency} />
      <JudgeScoresSection exchangeId={turn.exchangeId} initial={turn.judges} />
    </article>
  );
}
