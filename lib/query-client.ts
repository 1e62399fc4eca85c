import { QueryClient } from "@tanstack/react-query";

/** The one query-client factory: a fresh client per browser session. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Console data changes when people act, not by the second.
        staleTime: 30_000,
        retry: 1,
        refetchOnWindowFocus: false,
      },
    },
  });
}
