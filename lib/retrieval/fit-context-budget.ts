// Keeps the retrieved passages that fit in the model's context window, best
// ranked first, leaving room for the instructions, the conversation, the
// question and the answer. Pure.

/** Characters per token for English regulatory text, a deliberately cautious estimate (about 6). */
export const CHARS_PER_TOKEN = 6;

/** Tokens an estimate of text length gives. */
export const estimateTokens = (text: string) => Math.ceil(text.length / CHARS_PER_TOKEN);

/**
 * Drops the lowest-ranked passages until the rest fit in `contextTokens` minus
 * `reservedTokens`. Passages are assumed best first; the order is kept.
 */
export function fitContextBudget<T extends { text: string }>(options: {
  passages: T[];
  contextTokens: number;
  reservedTokens: number;
}): { kept: T[]; dropped: T[] } {
  let remaining = options.contextTokens - options.reservedTokens;
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const passage of options.passages) {
    const cost = estimateTokens(passage.text);
    if (cost <= remaining && dropped.length === 0) {
      kept.push(passage);
      remaining -= cost;
    } else {
      dropped.push(passage);
    }
  }
  return { kept, dropped };
}
