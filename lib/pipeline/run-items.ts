// An evaluation run's items: each (question, scenario) pair. An item's first
// attempt is recorded with runItem "q<question>:<scenario>"; when a resumed run
// retries an item whose latest attempt failed, the retry is a new exchange,
// "q<question>:<scenario>#<attempt>", because audit records are never changed
// or removed (the failure stays on record). The latest attempt is the item's
// result. Retries are made only after a failed attempt, so every retry
// supersedes exactly one failed exchange. Pure.

/** The key of one (question, scenario) pair within a run. */
export const runItemKey = (questionIndex: number, scenarioId: string) => `q${questionIndex}:${scenarioId}`;

/** The runItem recorded for an attempt at an item: the bare key for the first. */
export const attemptRunItem = (key: string, attempt: number) => (attempt === 1 ? key : `${key}#${attempt}`);

/** Marks the runItem of a retry: what counting queries look for. */
export const RETRY_MARK = "#";

/** An item's key, question and attempt, from the runItem of one of its exchanges. */
export function parseRunItem(runItem: string): { key: string; questionIndex: number; attempt: number } {
  const [key = runItem, attempt = "1"] = runItem.split(RETRY_MARK);
  return { key, questionIndex: Number(/^q(\d+):/.exec(key)?.[1] ?? -1), attempt: Number(attempt) };
}

/** Each item's latest attempt, in the order the rows came. */
export function latestAttempts<Row extends { runItem: string | null }>(rows: Row[]): Row[] {
  const latest = new Map<string, { row: Row; attempt: number }>();
  for (const row of rows) {
    const { key, attempt } = parseRunItem(row.runItem ?? "");
    const current = latest.get(key);
    if (!current || attempt > current.attempt) latest.set(key, { row, attempt });
  }
  const kept = new Set([...latest.values()].map((entry) => entry.row));
  return rows.filter((row) => kept.has(row));
}
