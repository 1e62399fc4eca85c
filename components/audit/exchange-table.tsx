import Link from "next/link";
import { DecisionBadge, ReviewBadge, VerdictBadge } from "@/components/audit/decision-badge";
import { formatDuration } from "@/components/audit/format";
import { HighlightedText } from "@/components/audit/highlighted-text";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { ExchangeRow } from "@/lib/audit/load-exchange-rows";

// One page of search results. Columns that matter less on narrow screens
// (rules, scenario, judges, latency) fold into the question cell there, so a
// tablet shows everything without scrolling sideways.

function Judges({ judges }: { judges: ExchangeRow["judges"] }) {
  if (judges.length === 0) return <span className="text-slate-600">Not judged</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {judges.map((judge, index) => (
        <li key={`${judge.judgeId}-${index}`}>
          <VerdictBadge judgeId={judge.judgeId} verdict={judge.verdict} compliance={judge.compliance} />
        </li>
      ))}
    </ul>
  );
}

function Rules({ rules, empty = "None" }: { rules: string[]; empty?: string }) {
  if (rules.length === 0) return <span className="text-slate-600">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {rules.map((rule) => (
        <li key={rule}>
          <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{rule}</code>
        </li>
      ))}
    </ul>
  );
}

/** The results table; `detailQuery` is appended to each exchange link so its page can lead back to these results. */
export function ExchangeTable({ items, term, caption, detailQuery }: { items: ExchangeRow[]; term?: string; caption: string; detailQuery: string }) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-slate-700">
          <th scope="col" className="p-3 font-medium">
            Recorded
          </th>
          <th scope="col" className="p-3 font-medium">
            Question and answer
          </th>
          <th scope="col" className="p-3 font-medium">
            Decision
          </th>
          <th scope="col" className="hidden p-3 font-medium lg:table-cell">
            Rules fired
          </th>
          <th scope="col" className="hidden p-3 font-medium xl:table-cell">
            Scenario
          </th>
          <th scope="col" className="hidden p-3 font-medium xl:table-cell">
            Judges
          </th>
          <th scope="col" className="p-3 font-medium">
            Review
          </th>
          <th scope="col" className="hidden p-3 text-right font-medium lg:table-cell">
            Time taken
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} className="border-b border-slate-100 align-top hover:bg-slate-50">
            <td className="p-3 text-slate-700 lg:whitespace-nowrap">
              <LocalTime iso={item.createdAt} />
            </td>
            <td className="max-w-xl p-3">
              <Link href={`/audit/${item.id}${detailQuery}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">
                <HighlightedText text={item.question || "(empty question)"} term={term} />
              </Link>
              <p className="mt-1 text-xs text-slate-600">
                <HighlightedText text={item.answer} term={term} />
              </p>
              <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-700 xl:hidden">
                <span>
                  {item.scenarioId} · {item.model}
                </span>
                <span className="lg:hidden">· {formatDuration(item.totalMs)}</span>
                <Judges judges={item.judges} />
              </div>
              <div className="mt-2 text-xs lg:hidden">
                <Rules rules={item.rules} empty="No rule fired" />
              </div>
            </td>
            <td className="p-3">
              <div className="flex flex-col items-start gap-1">
                <DecisionBadge action={item.action} />
                {item.errorStage && <Badge tone="neutral">failed: {item.errorStage}</Badge>}
              </div>
            </td>
            <td className="hidden p-3 lg:table-cell">
              <Rules rules={item.rules} />
            </td>
            <td className="hidden p-3 text-slate-700 xl:table-cell">
              <p>{item.scenarioId}</p>
              <p className="text-xs text-slate-600">{item.model}</p>
            </td>
            <td className="hidden p-3 xl:table-cell">
              <Judges judges={item.judges} />
            </td>
            <td className="p-3">
              {item.review ? (
                <div className="flex flex-col items-start gap-1">
                  <ReviewBadge verdict={item.review.verdict} />
                  {item.review.escalation && <Badge tone="bad">Escalation: {item.review.escalation}</Badge>}
                </div>
              ) : (
                <span className="text-slate-600">{item.needsReview ? "Needs review" : "Not reviewed"}</span>
              )}
            </td>
            <td className="hidden whitespace-nowrap p-3 text-right text-slate-700 lg:table-cell">{formatDuration(item.totalMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
