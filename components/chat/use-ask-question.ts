"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { AgentAnswer, AgentStage } from "@/lib/agent/answer-question";
import { streamQuestion } from "@/lib/conversations/stream-question";
import { turnFromAnswer } from "@/lib/conversations/turn-from-answer";
import { queryKeys } from "@/lib/query-keys";
import type { ConversationDetail } from "@/lib/schemas/conversations";
import { provisionalTitle } from "./format";

export type AskVariables = { question: string; scenarioId: string; conversationId: string | null };

/**
 * Sends a question through the streaming endpoint, tracking the stage it has
 * reached, and files the answer into its conversation's cached turns, so the
 * view updates without fetching the conversation again.
 */
export function useAskQuestion(options: { onAnswered: (answer: AgentAnswer, variables: AskVariables) => void }) {
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<AgentStage | null>(null);
  const mutation = useMutation({
    mutationFn: (variables: AskVariables) =>
      streamQuestion(
        { question: variables.question, scenarioId: variables.scenarioId, conversationId: variables.conversationId ?? undefined },
        { onStage: setStage },
      ),
    onMutate: () => setStage(null),
    onSuccess: (answer, variables) => {
      const id = answer.conversationId;
      if (id) {
        queryClient.setQueryData<ConversationDetail>(queryKeys.conversation(id), (old) => {
          const turn = turnFromAnswer(answer, { question: variables.question, turn: old?.turns.length ?? 0 });
          return old
            ? { ...old, updatedAt: answer.createdAt, turns: [...old.turns, turn] }
            : { id, title: provisionalTitle(variables.question), createdAt: answer.createdAt, updatedAt: answer.createdAt, turns: [turn] };
        });
      }
      options.onAnswered(answer, variables);
    },
    onError: (_error, variables) => {
      // A failure after the question was accepted is recorded as a turn of its conversation.
      if (variables.conversationId) void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(variables.conversationId) });
    },
    onSettled: () => {
      setStage(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
  return { ...mutation, stage };
}
