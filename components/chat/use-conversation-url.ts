"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";

// The open conversation lives in the URL (/playground?c=<id>), so reloading,
// sharing a link to oneself and Back/Forward all work. Changing it uses the
// History API, which Next.js keeps in step with useSearchParams, so switching
// conversations does not re-render the page on the server.

const PARAM = "c";

/** The address of a conversation in the playground. */
export const conversationHref = (id: string) => `/playground?${PARAM}=${encodeURIComponent(id)}`;

/** The open conversation's id (null for a new one) and a way to open another. */
export function useConversationUrl() {
  const searchParams = useSearchParams();
  const conversationId = searchParams.get(PARAM) || null;
  const openConversation = useCallback((id: string | null, options: { replace?: boolean } = {}) => {
    const url = new URL(window.location.href);
    if (id) url.searchParams.set(PARAM, id);
    else url.searchParams.delete(PARAM);
    const next = `${url.pathname}${url.search}`;
    if (options.replace) window.history.replaceState(null, "", next);
    else window.history.pushState(null, "", next);
  }, []);
  return { conversationId, openConversation };
}
