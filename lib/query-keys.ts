// Every TanStack Query key in the console, so invalidation has one source.
// Each feature owns one section; add keys to your feature's section only.

export const queryKeys = {
  health: ["health"] as const,
  // Playground
  conversations: ["conversations"] as const,
  conversation: (id: string) => ["conversations", id] as const,
  scenarios: ["scenarios"] as const,
  judgeScores: (exchangeId: string) => ["judge-scores", exchangeId] as const,
  // Audit
  exchanges: (filters: Record<string, unknown>) => ["exchanges", filters] as const,
  exchange: (id: string) => ["exchange", id] as const,
  // Admin: rules, settings, knowledge base, scenarios, users
  ruleSets: ["rule-sets"] as const,
  settingsVersions: ["settings-versions"] as const,
  whatIf: (change: unknown) => ["what-if", change] as const,
  store: ["store"] as const,
  users: ["users"] as const,
  // Dashboard and runs
  dashboard: (filters: Record<string, unknown>) => ["dashboard", filters] as const,
  runs: ["runs"] as const,
  run: (id: string) => ["runs", id] as const,
};
