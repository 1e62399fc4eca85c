"use client";

import { type MouseEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState } from "@/components/ui/status";
import type { ConversationPage } from "@/lib/schemas/conversations";
import { useConversationList } from "./playground-queries";
import { conversationHref } from "./use-conversation-url";

/** Ordinary clicks switch in place; modified clicks (new tab, new window) keep the link's own behaviour. */
const isPlainClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/** The signed-in user's conversations, newest first, and a way to start a new one. Collapsible on narrow screens. */
export function ConversationList({
  firstPage,
  selectedId,
  onSelect,
  onStartNew,
}: {
  firstPage: ConversationPage;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onStartNew: () => void;
}) {
  const list = useConversationList(firstPage);
  const [expanded, setExpanded] = useState(false);
  const conversations = list.data?.pages.flatMap((page) => page.conversations) ?? [];

  return (
    <nav aria-label="Your conversations" className="rounded-lg border border-slate-200 bg-white p-3 lg:self-start">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">Conversations</h2>
        <Button variant="primary" onClick={onStartNew} className="px-2.5 py-1.5">
          New conversation
        </Button>
      </div>
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls="conversation-items"
        onClick={() => setExpanded(!expanded)}
        className="mt-2 text-sm font-medium text-blue-800 hover:underline lg:hidden"
      >
        {expanded ? "Hide your conversations" : `Show your conversations (${conversations.length}${list.hasNextPage ? "+" : ""})`}
      </button>
      <div id="conversation-items" className={`${expanded ? "block" : "hidden"} mt-3 lg:block`}>
        {list.isError && !list.data ? (
          <ErrorState title="Your conversations could not be loaded" message={list.error.message} onRetry={() => void list.refetch()} />
        ) : conversations.length === 0 ? (
          <p className="text-sm text-slate-700">No conversations yet. Each question you ask starts or continues one, and it is kept here.</p>
        ) : (
          <ul className="space-y-1">
            {conversations.map((conversation) => {
              const current = conversation.id === selectedId;
              return (
                <li key={conversation.id}>
                  <a
                    href={conversationHref(conversation.id)}
                    aria-current={current ? "page" : undefined}
                    onClick={(event) => {
                      if (!isPlainClick(event)) return;
                      event.preventDefault();
                      onSelect(conversation.id);
                      setExpanded(false);
                    }}
                    className={`block rounded-md px-2.5 py-2 text-sm ${current ? "bg-blue-50 ring-1 ring-inset ring-blue-300" : "hover:bg-slate-100"}`}
                  >
                    <span className={`line-clamp-2 break-words ${current ? "font-semibold text-blue-900" : "font-medium text-slate-900"}`}>
                      {conversation.title}
                    </span>
                    <span className="mt-0.5 block text-xs text-slate-700">
                      <LocalTime iso={conversation.updatedAt} /> · {conversation.turns} {conversation.turns === 1 ? "question" : "questions"}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        )}
        {list.hasNextPage && (
          <Button variant="ghost" className="mt-2 w-full" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {list.isFetchingNextPage ? "Loading older conversations…" : "Show older conversations"}
          </Button>
        )}
        {list.isError && list.data && <p className="mt-2 text-xs text-red-800">The list could not be refreshed: {list.error.message}</p>}
      </div>
    </nav>
  );
}
