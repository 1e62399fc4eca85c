"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useDebouncedValue } from "@/components/rules/use-debounced-value";
import { ActionBadge } from "@/components/rules/action-badge";
import { TextAreaField } from "@/components/ui/fields";
import { apiFetch } from "@/lib/api-client";
import type { RuleTestResult } from "@/lib/config/test-rule";
import { queryKeys } from "@/lib/query-keys";
import type { RuleDraft } from "@/lib/schemas/config-changes";

/** Pause in typing before the sample is sent to the server. */
const TEST_DELAY_MS = 400;

/** The rule editor's live tester: sample texts run through the edited rule on the server, as the agent would run it. */
export function RuleTester({ rule }: { rule: RuleDraft | undefined }) {
  const [question, setQuestion] = useState("");
  const [answer, setAnswer] = useState("");
  const input = useDebouncedValue({ rule, question, answer }, TEST_DELAY_MS);
  const hasSample = Boolean(input.question.trim() || input.answer.trim());
  const test = useQuery({
    queryKey: queryKeys.ruleTest(input),
    queryFn: () => apiFetch<RuleTestResult>("/api/rules/test", { json: input }),
    enabled: Boolean(input.rule) && hasSample,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

  return (
    <section aria-labelledby="rule-tester-heading" className="rounded-lg border border-slate-200 bg-slate-50 p-4">
      <h3 id="rule-tester-heading" className="text-sm font-semibold text-slate-900">
        Try the rule
      </h3>
      <p className="mb-3 text-xs text-slate-600">
        Type a sample question or answer. It is checked on the server exactly as an answer would be, without saving anything.
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <TextAreaField id="test-question" label="Sample question" rows={3} value={question} onChange={(event) => setQuestion(event.target.value)} />
        <TextAreaField id="test-answer" label="Sample answer" rows={3} value={answer} onChange={(event) => setAnswer(event.target.value)} />
      </div>
      <div aria-live="polite" className="mt-3 text-sm">
        {!rule ? (
          <p className="text-slate-700">Fix the problems marked above to test the rule.</p>
        ) : !hasSample ? (
          <p className="text-slate-700">The result appears here as you type.</p>
        ) : test.isError ? (
          <p className="text-red-800">The test could not run: {test.error.message}</p>
        ) : !test.data ? (
          <p className="text-slate-700">Testing…</p>
        ) : (
          <TestOutcome result={test.data} stale={test.isFetching || input.question !== question || input.answer !== answer} />
        )}
      </div>
    </section>
  );
}

function TestOutcome({ result, stale }: { result: RuleTestResult; stale: boolean }) {
  return (
    <div className={stale ? "opacity-70" : undefined} data-testid="rule-test-result">
      {result.fires ? (
        <p className="font-medium text-slate-900">
          Fires: the rule would mark this answer <ActionBadge action={result.outcome} />
          {result.testedWhileOff && <span className="font-normal text-slate-700"> (when switched on; it is off now)</span>}
        </p>
      ) : (
        <p className="font-medium text-slate-900">Does not fire on this sample.</p>
      )}
      {result.matches.some((match) => match.evidence) && (
        <>
          <p className="mt-2 text-xs font-medium text-slate-700">Matched evidence</p>
          <ul className="mt-1 space-y-1">
            {result.matches.map((match, index) =>
              match.evidence ? (
                <li key={index} className="rounded border border-amber-200 bg-white px-2 py-1 font-mono text-xs text-slate-900">
                  {match.evidence}
                </li>
              ) : null,
            )}
          </ul>
        </>
      )}
    </div>
  );
}
