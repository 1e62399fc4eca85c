"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, LoadingState } from "@/components/ui/status";
import type { AgentStage } from "@/lib/agent/answer-question";
import type { ConversationDetail } from "@/lib/schemas/conversations";
import { AnswerCard, type AnswerTexts } from "./answer-card";
import { CitationPanel } from "./citation-panel";
import { PendingTurn, QuestionBubble } from "./pending-turn";
import { useConversation } from "./playground-queries";

export type PendingQuestion = { question: string; stage: AgentStage | null; retrieval: boolean };

const EXAMPLES = [
  "When may a nurse disclose information about a person without their consent?",
  "What must a psychologist keep in a client's clinical records?",
  "How should a practitioner respond when a patient asks for a copy of their notes?",
];

function Welcome({ onUseExample }: { onUseExample: (question: string) => void }) {
  return (
    <EmptyState title="Ask your first question">
      <p>
        CAM answers from the regulations and codes of conduct, checks the answer against the rules, and shows its decision, the passages it
        relied on and the judges&apos; scores. For example:
      </p>
      <ul className="mt-4 flex flex-col items-center gap-2">
        {EXAMPLES.map((example) => (
          <li key={example}>
            <Button variant="secondary" onClick={() => onUseExample(example)} className="text-left">
              {example}
            </Button>
          </li>
        ))}
      </ul>
    </EmptyState>
  );
}

const prefersReducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

function Turns({ conversation, pending, texts }: { conversation?: ConversationDetail; pending: PendingQuestion | null; texts: AnswerTexts }) {
  const [open, setOpen] = useState<{ exchangeId: string; rank: number } | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const turns = conversation?.turns ?? [];
  const count = turns.length + (pending ? 1 : 0);
  const seen = useRef<{ id?: string; count: number }>({ count: 0 });

  // Bring the newest turn into view when a conversation opens or grows.
  useEffect(() => {
    const last = list.current?.lastElementChild;
    const opened = seen.current.id !== conversation?.id;
    if (last && (opened || count > seen.current.count)) {
      last.scrollIntoView({ block: "start", behavior: opened || prefersReducedMotion() ? "auto" : "smooth" });
    }
    seen.current = { id: conversation?.id, count };
  }, [conversation?.id, count]);

  const openTurn = turns.find((turn) => turn.exchangeId === open?.exchangeId);
  return (
    <>
      <ol ref={list} aria-label="Questions and answers" className="space-y-6">
        {turns.map((turn, index) => (
          <li key={turn.exchangeId} className="scroll-mt-4 space-y-3">
            <QuestionBubble
              question={turn.question}
              meta={
                <>
                  {" "}
                  · <LocalTime iso={turn.createdAt} />
                </>
              }
            />
            <AnswerCard
              turn={turn}
              number={index + 1}
              texts={texts}
              onOpenCitation={(rank) => setOpen({ exchangeId: turn.exchangeId, rank })}
            />
          </li>
        ))}
        {pending && <PendingTurn {...pending} />}
      </ol>
      <CitationPanel
        citations={openTurn?.citations ?? []}
        rank={openTurn ? (open?.rank ?? null) : null}
        onChangeRank={(rank) => setOpen((current) => current && { ...current, rank })}
        onClose={() => setOpen(null)}
      />
    </>
  );
}

/** The open conversation's turns (or a welcome for a new one), with the question being answered at the end. */
export function ConversationView({
  conversationId,
  pending,
  texts,
  onStartNew,
  onUseExample,
}: {
  conversationId: string | null;
  pending: PendingQuestion | null;
  texts: AnswerTexts;
  onStartNew: () => void;
  onUseExample: (question: string) => void;
}) {
  const conversation = useConversation(conversationId);
  if (!conversationId) {
    return pending ? <Turns pending={pending} texts={texts} /> : <Welcome onUseExample={onUseExample} />;
  }
  if (conversation.isPending) return <LoadingState label="Loading the conversation…" />;
  if (conversation.isError) {
    const status = (conversation.error as { status?: number }).status;
    // Deleted, or someone else's: either way there is nothing to retry.
    const missing = status === 404 || status === 403;
    return (
      <div className="space-y-3">
        <ErrorState
          title={missing ? "This conversation cannot be opened" : "The conversation could not be loaded"}
          message={conversation.error.message}
          onRetry={missing ? undefined : () => void conversation.refetch()}
        />
        {missing && <Button onClick={onStartNew}>Start a new conversation</Button>}
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{conversation.data.title}</h2>
        <p className="text-sm text-slate-700">
          Started <LocalTime iso={conversation.data.createdAt} /> · {conversation.data.turns.length}{" "}
          {conversation.data.turns.length === 1 ? "question" : "questions"}
        </p>
      </div>
      <Turns conversation={conversation.data} pending={pending} texts={texts} />
    </div>
  );
}
