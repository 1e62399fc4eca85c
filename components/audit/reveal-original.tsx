"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/fields";
import { Notice } from "@/components/ui/status";
import { ApiError, apiFetch } from "@/lib/api-client";
import { type RevealBody, revealBodySchema, type RevealedExchange } from "@/lib/schemas/reveal";

// The exchange page shows texts with personal identifiers replaced. Someone
// allowed to reveal the original gives a reason; the server records the reveal
// (who, which exchange, when, why) before it sends any text, and admins can
// review every reveal. The original stays in this component's memory only: it
// is gone when the reader hides it or leaves the page.

function OriginalText({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <div className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md border border-amber-300 bg-white p-3 text-sm text-slate-900">
        {children}
      </div>
    </div>
  );
}

function RevealedTexts({ revealed, onHide }: { revealed: RevealedExchange; onHide: () => void }) {
  const evidence = revealed.findings.filter((finding) => finding.evidence);
  const reasoning = revealed.judgeReasoning.filter((score) => score.reasoning);
  return (
    <div className="space-y-4 rounded-lg border border-amber-400 bg-amber-50 p-4" data-testid="revealed-original">
      <p className="text-sm text-amber-950">
        You are seeing the original text, personal identifiers included. This reveal is recorded. Do not copy it elsewhere.
      </p>
      <OriginalText title="Question">{revealed.question}</OriginalText>
      <OriginalText title="Raw answer">{revealed.rawAnswer ?? "The model gave no answer."}</OriginalText>
      <OriginalText title="Final answer">{revealed.finalAnswer}</OriginalText>
      {evidence.length > 0 && (
        <OriginalText title="Evidence of findings">
          {evidence.map((finding) => `${finding.ruleId}: ${finding.evidence}`).join("\n")}
        </OriginalText>
      )}
      {reasoning.length > 0 && (
        <OriginalText title="Judges' reasoning">{reasoning.map((score) => `${score.judgeId}: ${score.reasoning}`).join("\n\n")}</OriginalText>
      )}
      {revealed.prompt && (
        <details>
          <summary className="cursor-pointer text-sm font-semibold text-slate-900">Prompt</summary>
          <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md border border-amber-300 bg-white p-3 text-xs text-slate-900">
            {revealed.prompt}
          </pre>
        </details>
      )}
      <Button variant="secondary" onClick={onHide}>
        Hide the original text
      </Button>
    </div>
  );
}

/** The reveal form, or the revealed texts; for holders of audit.reveal only (the page decides). */
export function RevealOriginal({ exchangeId }: { exchangeId: string }) {
  const [error, setError] = useState<string>();
  const reveal = useMutation({
    mutationFn: (body: RevealBody) => apiFetch<RevealedExchange>(`/api/exchanges/${encodeURIComponent(exchangeId)}/reveal`, { json: body }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = revealBodySchema.safeParse({ reason: new FormData(event.currentTarget).get("reason") ?? "" });
    if (!parsed.success) {
      setError(`The reason ${parsed.error.issues[0]?.message ?? "is not valid"}.`);
      return;
    }
    setError(undefined);
    reveal.mutate(parsed.data);
  }

  if (reveal.data) return <RevealedTexts revealed={reveal.data} onHide={() => reveal.reset()} />;
  const serverError = reveal.error instanceof ApiError ? reveal.error.body?.fields?.find((field) => field.path === "reason")?.message : undefined;

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-labelledby="reveal-title">
      <p id="reveal-title" className="text-sm text-slate-800">
        Texts on this page have personal identifiers replaced. To see the original, say why you need it. The reveal, with your name and
        reason, is recorded for administrators to review.
      </p>
      <TextAreaField
        id="reveal-reason"
        name="reason"
        label="Reason for revealing the original text"
        rows={2}
        maxLength={500}
        hint="For example: checking whether the answer repeated the patient's contact details (incident 4411)."
        error={error ?? (serverError ? `The reason ${serverError}.` : undefined)}
      />
      {reveal.isError && !serverError && (
        <Notice tone="error" title="The original text was not revealed">
          {reveal.error.message}
        </Notice>
      )}
      <Button type="submit" variant="secondary" disabled={reveal.isPending}>
        {reveal.isPending ? "Recording the reveal…" : "Reveal the original text"}
      </Button>
    </form>
  );
}
