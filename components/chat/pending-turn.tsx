import type { ReactNode } from "react";
import type { AgentStage } from "@/lib/agent/answer-question";
import { stageLabels, stagesFor } from "./format";

function StepIcon({ state }: { state: "done" | "current" | "upcoming" }) {
  if (state === "done") {
    return (
      <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 text-green-700" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <path d="M3.5 8.5l3 3 6-7" />
      </svg>
    );
  }
  if (state === "current") {
    return <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-blue-200 border-t-blue-700 motion-reduce:animate-none" />;
  }
  return <span aria-hidden className="h-4 w-4 rounded-full border-2 border-slate-300" />;
}

/** The question being answered, and the stage it has reached. Screen readers hear the stages from the playground's live region. */
export function PendingTurn({ question, stage, retrieval }: { question: string; stage: AgentStage | null; retrieval: boolean }) {
  const steps = stagesFor(retrieval);
  const current = stage ? steps.indexOf(stage) : -1;
  return (
    <li className="space-y-3">
      <QuestionBubble question={question} />
      <div aria-busy="true" className="rounded-lg border border-l-4 border-slate-200 border-l-blue-600 bg-white p-4 shadow-sm">
        <p className="text-sm font-semibold text-slate-900">{stage ? `${stageLabels[stage]}…` : "Sending your question…"}</p>
        <ol className="mt-3 flex flex-wrap gap-x-5 gap-y-2" aria-label="Progress">
          {steps.map((step, index) => {
            const state = index < current ? "done" : index === current ? "current" : "upcoming";
            return (
              <li
                key={step}
                aria-current={state === "current" ? "step" : undefined}
                className={`flex items-center gap-1.5 text-sm ${state === "upcoming" ? "text-slate-600" : "font-medium text-slate-900"}`}
              >
                <StepIcon state={state} />
                {stageLabels[step]}
                {state === "done" && <span className="sr-only"> (done)</span>}
              </li>
            );
          })}
        </ol>
      </div>
    </li>
  );
}

/** A question as the clinician asked it. */
export function QuestionBubble({ question, meta }: { question: string; meta?: ReactNode }) {
  return (
    <div className="ml-auto max-w-[85%] rounded-lg bg-blue-50 px-4 py-3 text-slate-900 ring-1 ring-inset ring-blue-100">
      <p className="text-xs font-medium text-blue-900">You asked{meta}</p>
      <p className="mt-1 whitespace-pre-wrap break-words text-[0.95rem]">{question}</p>
    </div>
  );
}
