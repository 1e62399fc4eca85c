import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnswerComparison } from "@/components/audit/answer-comparison";
import { AuditSection } from "@/components/audit/audit-section";
import { DecisionBadge } from "@/components/audit/decision-badge";
import { ExchangeFacts } from "@/components/audit/exchange-facts";
import { FindingsList } from "@/components/audit/findings-list";
import { JudgeScoresPanel } from "@/components/audit/judge-scores-panel";
import { PassagesList } from "@/components/audit/passages-list";
import { PromptView } from "@/components/audit/prompt-view";
import { RevealOriginal } from "@/components/audit/reveal-original";
import { ReviewLabels } from "@/components/audit/review-labels";
import { StageTimings } from "@/components/audit/stage-timings";
import { AccessDenied } from "@/components/ui/access-denied";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { auditQueryString, readAuditUrlState } from "@/lib/audit/audit-url";
import { diffWords } from "@/lib/audit/diff-words";
import { getExchangeDetail } from "@/lib/audit/get-exchange-detail";
import { getPageAccess } from "@/lib/auth/current-caller";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Exchange" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const contents = [
  ["comparison", "Answers"],
  ["original", "Original text"],
  ["findings", "Findings"],
  ["review", "Review"],
  ["judges", "Judges"],
  ["passages", "Passages"],
  ["prompt", "Prompt"],
  ["details", "Details"],
  ["timings", "Timings"],
] as const;

/** The results list this page was opened from, rebuilt from known filters only (never a raw URL). */
function backLink(back: string | string[] | undefined): string {
  const value = Array.isArray(back) ? back[0] : back;
  const query = value ? auditQueryString(readAuditUrlState(new URLSearchParams(value))) : "";
  return query ? `/audit?${query}` : "/audit";
}

/** One exchange with everything recorded about it, for a reviewer. */
export default async function ExchangePage({ params, searchParams }: Props) {
  const { id } = await params;
  const { caller, allowed } = await getPageAccess(`/audit/${encodeURIComponent(id)}`, "audit.read");
  if (!allowed) return <AccessDenied permission="audit.read" role={caller.role} />;
  const exchange = await getExchangeDetail(getDb(), id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const parts = exchange.rawAnswer === null ? null : diffWords(exchange.rawAnswer, exchange.finalAnswer);
  const blocked = exchange.action === "block" && exchange.rawAnswer !== null;

  return (
    <article className="space-y-6">
      <Link href={backLink((await searchParams).back)} className="text-sm font-medium text-blue-800 underline">
        ← Back to the results
      </Link>
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Exchange</h1>
        <div className="flex flex-wrap items-center gap-2">
          <DecisionBadge action={exchange.action} />
          {exchange.needsReview && <Badge tone="warn">Flagged for review</Badge>}
          {exchange.error && <Badge tone="neutral">Failed at {exchange.error.stage ?? "an unknown stage"}</Badge>}
          <span className="text-sm text-slate-700">
            <LocalTime iso={exchange.createdAt} /> · scenario {exchange.scenario.id} · {exchange.scenario.model}
          </span>
        </div>
        <div>
          <h2 className="text-sm font-semibold text-slate-800">Question</h2>
          <p className="mt-1 max-w-4xl whitespace-pre-wrap break-words text-base text-slate-900" data-testid="question">
            {exchange.question}
          </p>
        </div>
        <nav aria-label="On this page">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {contents.map(([anchor, label]) => (
              <li key={anchor}>
                <a href={`#${anchor}`} className="text-blue-800 underline">
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>

      {exchange.error && (
        <section aria-labelledby="failure-title" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <h2 id="failure-title" className="font-semibold">
            This exchange failed at the {exchange.error.stage ?? "unknown"} stage
          </h2>
          <p className="mt-1 whitespace-pre-wrap break-words">{exchange.error.message}</p>
        </section>
      )}

      <div className="grid gap-6 2xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-6">
          <AuditSection id="comparison" title="Raw and final answer">
            <AnswerComparison parts={parts} rawAnswer={exchange.rawAnswer} finalAnswer={exchange.finalAnswer} blocked={blocked} />
          </AuditSection>
          <AuditSection id="original" title="Original text" description="Shown on request, with a reason, and recorded.">
            {can(caller.role, "audit.reveal") ? (
              <RevealOriginal exchangeId={exchange.id} />
            ) : (
              <p className="text-sm text-slate-700">Revealing the original text needs permission to reveal audit records, which your role does not have.</p>
            )}
          </AuditSection>
          <AuditSection id="findings" title={`Findings (${exchange.findings.length})`} description={`Checked under rule pack version ${exchange.versions.ruleSet}.`}>
            <FindingsList findings={exchange.findings} />
          </AuditSection>
          <AuditSection id="review" title="Review" description="Whether CAM's decision was right, in reviewers' words. The newest label is the one in force.">
            <ReviewLabels exchangeId={exchange.id} initialLabels={exchange.labels} canLabel={can(caller.role, "audit.label")} />
          </AuditSection>
          <AuditSection id="judges" title="Judge scores">
            <JudgeScoresPanel scores={exchange.judgeScores} pending={exchange.pendingJudges} />
          </AuditSection>
          <AuditSection id="passages" title={`Passages retrieved (${exchange.passages.length})`} description="In the order the prompt numbers them.">
            <PassagesList passages={exchange.passages} retrieval={exchange.scenario.retrieval} />
          </AuditSection>
          <AuditSection id="prompt" title="Prompt">
            <PromptView prompt={exchange.prompt} />
          </AuditSection>
        </div>
        <div className="min-w-0 space-y-6">
          <AuditSection id="details" title="Details">
            <ExchangeFacts exchange={exchange} />
          </AuditSection>
          <AuditSection id="timings" title="Time per stage">
            <StageTimings stages={exchange.stages} totalMs={exchange.totalMs} />
          </AuditSection>
        </div>
      </div>
    </article>
  );
}
