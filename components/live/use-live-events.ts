"use client";

import { useEffect, useRef } from "react";

// Subscribes a page to the console's live events (app/api/events) while it is
// open. The browser's EventSource reconnects by itself after a network blip
// or a server restart; pages refetch through their usual routes on each event.

export type LiveEventHandlers = {
  exchange?: (event: { id: string; action: string; createdAt: string }) => void;
  "judge-score"?: (event: { exchangeId: string; judgeId: string }) => void;
};

export function useLiveEvents(handlers: LiveEventHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;

  useEffect(() => {
    const source = new EventSource("/api/events");
    const on = (type: keyof LiveEventHandlers) => (message: MessageEvent<string>) => {
      const handler = current.current[type] as ((event: unknown) => void) | undefined;
      handler?.(JSON.parse(message.data));
    };
    const onExchange = on("exchange");
    const onJudgeScore = on("judge-score");
    source.addEventListener("exchange", onExchange);
    source.addEventListener("judge-score", onJudgeScore);
    return () => source.close();
  }, []);
}
