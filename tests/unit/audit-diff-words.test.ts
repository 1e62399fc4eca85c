import { describe, expect, it } from "vitest";
import { countChangedWords, diffWords, shortestEdit, sideOf, tokenize } from "@/lib/audit/diff-words";

// The word-level diff behind the raw-versus-final comparison. Minimality is
// checked against a plain dynamic-programming LCS written here, on random texts.

/** Length of the longest common subsequence of two token lists (textbook DP). */
function lcsLength(a: string[], b: string[]): number {
  const rows = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      rows[i]![j] = a[i - 1] === b[j - 1] ? rows[i - 1]![j - 1]! + 1 : Math.max(rows[i - 1]![j]!, rows[i]![j - 1]!);
    }
  }
  return rows[a.length]![b.length]!;
}

/** A deterministic pseudo-random text over a small vocabulary, so that texts share words. */
function randomText(seed: number, words: number): string {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const vocabulary = ["consent", "notes", "the", "may", "disclose", "(see [1])", "nurse", ".", ",", "records", "\n\n"];
  return Array.from({ length: words }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(" ");
}

describe("diffWords", () => {
  it("splits text into words, white space and punctuation that join back into the text", () => {
    expect(tokenize("APP 6.2(b) applies — see [1].")).toEqual(["APP", " ", "6", ".", "2", "(", "b", ")", " ", "applies", " ", "—", " ", "see", " ", "[", "1", "]", "."]);
    expect(tokenize("Ça  va?\nOui").join("")).toBe("Ça  va?\nOui");
  });

  it("reports identical texts as one unchanged part, and empty texts as nothing", () => {
    expect(diffWords("Same text.", "Same text.")).toEqual([{ kind: "same", text: "Same text." }]);
    expect(diffWords("", "")).toEqual([]);
    expect(diffWords("", "New")).toEqual([{ kind: "added", text: "New" }]);
    expect(diffWords("Old", "")).toEqual([{ kind: "removed", text: "Old" }]);
  });

  it("marks the words CAM changed, with removed text before added text at each change", () => {
    const parts = diffWords(
      "Stop taking your medication now (see [1]).",
      "Warnings:\n- Medication directive\n\nTalk to your prescriber now (see [1]).",
    );
    expect(parts).toEqual([
      { kind: "removed", text: "Stop taking" },
      { kind: "added", text: "Warnings:\n- Medication directive\n\nTalk to" },
      { kind: "same", text: " your " },
      { kind: "removed", text: "medication" },
      { kind: "added", text: "prescriber" },
      { kind: "same", text: " now (see [1])." },
    ]);
    expect(countChangedWords(parts)).toEqual({ removed: 3, added: 6 });
  });

  it("reads two unrelated texts as one replacement rather than a patchwork of shared small words", () => {
    const parts = diffWords(
      "Take 40 tablets of your medication at once and lock the door so nobody finds you.",
      "If you are in danger, call 000. This answer was withheld and has been logged for review.",
    );
    expect(parts.map((part) => part.kind)).toEqual(["removed", "added", "same"]);
    expect(parts[2]?.text).toBe(".");
  });

  it("keeps markup as plain text", () => {
    const parts = diffWords("<script>window.__pwned=1</script>", "Withheld");
    expect(sideOf(parts, "before")).toBe("<script>window.__pwned=1</script>");
    expect(parts.map((part) => part.kind)).toEqual(["removed", "added"]);
  });

  it.each(Array.from({ length: 40 }, (_, seed) => seed))("finds a shortest edit and gives back both texts (random texts, seed %i)", (seed) => {
    const before = randomText(seed * 2 + 1, 5 + (seed % 30));
    const after = randomText(seed * 2 + 2, 3 + ((seed * 7) % 40));
    const a = tokenize(before);
    const b = tokenize(after);
    const script = shortestEdit(a, b, 10_000) ?? [];
    expect(script.filter((op) => op.kind !== "same")).toHaveLength(a.length + b.length - 2 * lcsLength(a, b));
    expect(script.filter((op) => op.kind !== "added").map((op) => op.token).join("")).toBe(before);
    expect(script.filter((op) => op.kind !== "removed").map((op) => op.token).join("")).toBe(after);
    // The readable form (spaces folded into changes, highlights ending at words) still gives back both texts exactly.
    const parts = diffWords(before, after);
    expect(sideOf(parts, "before")).toBe(before);
    expect(sideOf(parts, "after")).toBe(after);
    expect(parts.filter((part) => part.kind !== "same").every((part) => part.text.length > 0)).toBe(true);
  });

  it("falls back to 'all removed, all added' beyond the edit budget, still giving back both texts", () => {
    const before = randomText(11, 60);
    const after = randomText(12, 60);
    const parts = diffWords(before, after, { maxEdits: 3 });
    expect(sideOf(parts, "before")).toBe(before);
    expect(sideOf(parts, "after")).toBe(after);
    expect(parts.filter((part) => part.kind !== "same").map((part) => part.kind)).toEqual(["removed", "added"]);
  });

  it("compares two long answers quickly", () => {
    const before = randomText(21, 1_500);
    const after = `${before.slice(0, 3_000)} Warnings: check with the prescriber. ${before.slice(3_000)}`;
    const started = performance.now();
    const parts = diffWords(before, after);
    expect(performance.now() - started).toBeLessThan(200);
    expect(parts.filter((part) => part.kind === "added").map((part) => part.text.trim())).toEqual(["Warnings: check with the prescriber."]);
  });
});
