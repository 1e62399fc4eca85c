// Every TanStack Query key in the console, so invalidation has one source.
// Each feature owns one section; add keys to your feature's section only.

export const queryKeys = {
  health: ["health"] as const,
  // Playground
  // The list and the details are siblings, so refreshing the list leaves loaded conversations alone.
  conversations: ["conversations", "list"] as const,
  conversation: (id: string) => ["conversations", "detail", id] as const,
  scenarios: ["scenarios"] as const,
  judgeScores: (exchangeId: string) => ["judge-scores", exchangeId] as const,
  // Audit
  exchanges: (filters: Record<string, unknown>) => ["exchanges", filters] as const,
  /** Every audit result list, whatever its filters: invalidated when a label changes what they show. */
  exchangeLists: ["exchanges"] as const,
  exchange: (id: string) => ["exchange", id] as const,
  exchangeLabels: (id: string) => ["exchange", id, "labels"] as const,
  // Admin: rules, settings, knowledge base, scenarios, users
  ruleSets: ["rule-sets"] as const,
  activeRuleSet: ["rule-sets", "active"] as const,
  ruleSetHistory: ["rule-sets", "history"] as const,
  ruleSetDiff: (from: number, to: number) => ["rule-sets", "diff", from, to] as const,
  ruleSetVersionDetail: (version: number) => ["rule-sets", "version", version] as const,
  /** Under ruleSets, so a save or an approval refreshes the drafts awaiting approval too. */
  ruleSetDrafts: ["rule-sets", "drafts"] as const,
  ruleTest: (input: unknown) => ["rule-test", input] as const,
  settingsVersions: ["settings-versions"] as const,
  activeSettings: ["settings-versions", "active"] as const,
  settingsHistory: ["settings-versions", "history"] as const,
  settingsDiff: (from: number, to: number) => ["settings-versions", "diff", from, to] as const,
  settingsVersionDetail: (version: number) => ["settings-versions", "version", version] as const,
  settingsDrafts: ["settings-versions", "drafts"] as const,
  draftPreview: (kind: string, version: number, limit: number) => ["draft-preview", kind, version, limit] as const,
  whatIfAll: ["what-if"] as const,
  whatIf: (change: unknown) => ["what-if", change] as const,
  store: ["store"] as const,
  storeBuild: (id: string) => ["store-builds", id] as const,
  adminScenarios: ["admin-scenarios"] as const,
  availableModels: ["available-models"] as const,
  transferApprovals: ["transfer-approvals"] as const,
  users: ["users"] as const,
  // Dashboard and runs
  dashboard: (filters: Record<string, unknown>) => ["dashboard", filters] as const,
  dashboardChart: (chart: string, filters: Record<string, unknown>) => ["dashboard", chart, filters] as const,
  runs: ["runs"] as const,
  run: (id: string) => ["runs", id] as const,
};
