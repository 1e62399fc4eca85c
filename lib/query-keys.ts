// Every TanStack Query key in the console, so invalidation has one source.
export const queryKeys = {
  health: ["health"] as const,
};
