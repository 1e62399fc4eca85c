"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useLiveEvents } from "@/components/live/use-live-events";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/status";
import { queryKeys } from "@/lib/query-keys";
import type { ConversationPage, ScenarioList } from "@/lib/schemas/conversations";
import type { AnswerTexts } from "./answer-card";
import { ConversationList } from "./conversation-list";
import { ConversationView } from "./conversation-view";
import { actionLabels, stageLabels } from "./format";
import { useConversation, useScenarioList } from "./playground-queries";
import { QuestionComposer } from "./question-composer";
import { defaultScenarioId, ScenarioPicker } from "./scenario-picker";
import { useAskQuestion } from "./use-ask-question";
import { useConversationUrl } from "./use-conversation-url";

export type PlaygroundProps = {
  scenarios: ScenarioList;
  conversations: ConversationPage;
  texts: AnswerTexts;
  limits: { maxQuestionChars: number; maxConversationTurns: number };
  /** Whether the caller may rebuild the knowledge base, so the empty-store notice can link to it. */
  canManageStore: boolean;
};

/** The playground: conversations at the side; the chosen scenario, the open conversation and the question box beside them. */
export function Playground({ scenarios: initialScenarios, conversations, texts, limits, canManageStore }: PlaygroundProps) {
  const queryClient = useQueryClient();
  // A judge's score shows as soon as any instance records it; polling remains the fallback.
  useLiveEvents({ "judge-score": ({ exchangeId }) => void queryClient.invalidateQueries({ queryKey: queryKeys.judgeScores(exchangeId) }) });
  const { conversationId, openConversation } = useConversationUrl();
  const scenarios = useScenarioList(initialScenarios).data;
  const conversation = useConversation(conversationId);
  const [scenarioId, setScenarioId] = useState(() => defaultScenarioId(initialScenarios));
  const [draft, setDraft] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);

  const ask = useAskQuestion({
    onAnswered: (answer, variables) => {
      setDraft((current) => (current === variables.question ? "" : current));
      setAnnouncement(`Answer received: ${actionLabels[answer.action]}.`);
      // The first answer of a new conversation names it; the address follows, unless the person has moved on.
      if (!variables.conversationId && answer.conversationId && !new URL(window.location.href).searchParams.get("c")) {
        openConversation(answer.conversationId, { replace: true });
      }
    },
  });

  // An opened conversation continues with the scenario of its last question (once, so a later choice sticks).
  const lastScenario = conversation.data?.turns.at(-1)?.scenario.id;
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!conversationId || !lastScenario || appliedFor.current === conversationId) return;
    appliedFor.current = conversationId;
    setScenarioId(lastScenario);
  }, [conversationId, lastScenario]);

  useEffect(() => {
    if (ask.isPending) setAnnouncement(ask.stage ? `${stageLabels[ask.stage]}…` : "Sending your question…");
  }, [ask.isPending, ask.stage]);

  // The box is disabled while waiting; give it the focus back when the answer (or an error) arrives.
  const wasWaiting = useRef(false);
  useEffect(() => {
    if (wasWaiting.current && !ask.isPending) input.current?.focus({ preventScroll: true });
    wasWaiting.current = ask.isPending;
  }, [ask.isPending]);

  if (scenarios.scenarios.length === 0) {
    return (
      <EmptyState title="No scenarios are set up yet">
        <p>A scenario pairs a model with retrieval settings, and every question is asked against one. Ask an administrator to enable one.</p>
      </EmptyState>
    );
  }

  // A scenario disabled since it was chosen gives way to the default.
  const find = (id: string | undefined) => scenarios.scenarios.find((scenario) => scenario.id === id);
  const selected = find(scenarioId) ?? find(defaultScenarioId(scenarios));
  const inFlight = ask.isPending && ask.variables?.conversationId === conversationId ? ask.variables : undefined;
  const turns = conversation.data?.turns.length ?? 0;

  const send = () => {
    if (!selected || ask.isPending) return;
    ask.mutate({ question: draft, scenarioId: selected.id, conversationId });
  };
  // An error belongs to the conversation it happened in; a question still on its way keeps its state.
  const clearError = () => {
    if (!ask.isPending) ask.reset();
  };
  const startNew = () => {
    clearError();
    openConversation(null);
    input.current?.focus();
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[17rem_minmax(0,1fr)]">
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <ConversationList
        firstPage={conversations}
        selectedId={conversationId}
        onSelect={(id) => {
          clearError();
          openConversation(id);
        }}
        onStartNew={startNew}
      />
      <div className="min-w-0 space-y-5">
        <ScenarioPicker
          list={scenarios}
          selectedId={selected?.id}
          onSelect={setScenarioId}
          disabled={ask.isPending}
          canManageStore={canManageStore}
        />
        <ConversationView
          conversationId={conversationId}
          pending={inFlight ? { question: inFlight.question, stage: ask.stage, retrieval: find(inFlight.scenarioId)?.retrieval ?? false } : null}
          texts={texts}
          onStartNew={startNew}
          onUseExample={(question) => {
            setDraft(question);
            input.current?.focus();
          }}
        />
        <div className="sticky bottom-0 z-10 -mx-1 space-y-2 bg-slate-50/95 px-1 pb-4 pt-2 backdrop-blur-sm">
          {ask.isError && (
            <Notice tone="error" title="Your question was not answered">
              <p>{ask.error.message}</p>
              <p className="mt-1">Your question is still in the box: change it or send it again.</p>
            </Notice>
          )}
          {turns >= limits.maxConversationTurns && (
            <Notice tone="info">
              This conversation has reached its limit of {limits.maxConversationTurns} questions. Start a new conversation to ask more.
            </Notice>
          )}
          <QuestionComposer
            value={draft}
            onChange={setDraft}
            onSend={send}
            maxChars={limits.maxQuestionChars}
            waiting={ask.isPending}
            inputRef={input}
          />
        </div>
      </div>
    </div>
  );
}
