"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { ConversationDetail, ConversationPage, JudgeScores, ScenarioList } from "@/lib/schemas/conversations";

// The playground's server state, through the console's one query client.

/** While a model server is still being probed, look again soon; otherwise now and then. */
const SCENARIO_RECHECK_MS = { checking: 2_000, settled: 30_000 };
/** Judges take seconds to minutes: poll briskly at first, then slowly, then stop (a reload resumes). */
const JUDGE_POLL = { fastMs: 2_000, fastPolls: 30, slowMs: 10_000, maxPolls: 120 };

/** The enabled scenarios and whether their servers and the retrieval store are ready. */
export function useScenarioList(initialData: ScenarioList) {
  return useQuery({
    queryKey: queryKeys.scenarios,
    queryFn: () => apiFetch<ScenarioList>("/api/scenarios"),
    initialData,
    refetchInterval: (query) =>
      query.state.data?.scenarios.some((scenario) => scenario.server.status === "checking")
        ? SCENARIO_RECHECK_MS.checking
        : SCENARIO_RECHECK_MS.settled,
  });
}

/** The signed-in user's conversations, newest first, a page at a time. */
export function useConversationList(firstPage: ConversationPage) {
  return useInfiniteQuery({
    queryKey: queryKeys.conversations,
    queryFn: ({ pageParam }) =>
      apiFetch<ConversationPage>(`/api/conversations${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
  });
}

/** One conversation with its turns; nothing is fetched for a new, unsaved conversation. */
export function useConversation(id: string | null) {
  return useQuery({
    queryKey: queryKeys.conversation(id ?? ""),
    queryFn: () => apiFetch<ConversationDetail>(`/api/conversations/${encodeURIComponent(id ?? "")}`),
    enabled: Boolean(id),
    // A missing or foreign conversation will not appear by asking again.
    retry: (failures, error) => failures < 1 && (error as { status?: number }).status !== 404,
  });
}

/** Judge scores of one answer, polled while any judge is still at work; `stopped` once polling has given up. */
export function useJudgeScores(exchangeId: string, initialData: JudgeScores) {
  const queryKey = queryKeys.judgeScores(exchangeId);
  const result = useQuery({
    queryKey,
    queryFn: () => apiFetch<JudgeScores>(`/api/exchanges/${encodeURIComponent(exchangeId)}/judge-scores`),
    initialData,
    refetchInterval: (query) => {
      const polls = query.state.dataUpdateCount;
      if (!query.state.data?.pending.length || polls >= JUDGE_POLL.maxPolls) return false;
      return polls < JUDGE_POLL.fastPolls ? JUDGE_POLL.fastMs : JUDGE_POLL.slowMs;
    },
  });
  const polls = useQueryClient().getQueryState(queryKey)?.dataUpdateCount ?? 0;
  return { ...result, stopped: polls >= JUDGE_POLL.maxPolls };
}
