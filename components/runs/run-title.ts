/** A run's name, or its id when it has none. */
export const runTitle = (run: { name: string; id: string }) => run.name || `Run ${run.id}`;
