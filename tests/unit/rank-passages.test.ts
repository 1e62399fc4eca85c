import { describe, expect, it } from "vitest";
import { CHARS_PER_TOKEN, fitContextBudget } from "@/lib/retrieval/fit-context-budget";
import { fuseRankings, isPrivacyQuestion, preferClinicalSources, RRF_K } from "@/lib/retrieval/rank-passages";

describe("fuseRankings", () => {
  it("adds 1/(k + rank) from every ranking an item appears in", () => {
    const fused = fuseRankings([
      [7, 3, 5],
      [3, 9],
    ]);
    expect(fused.map((entry) => entry.id)).toEqual([3, 7, 9, 5]);
    expect(fused[0]?.score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1));
  });

  it("breaks ties by id so the order is stable", () => {
    expect(fuseRankings([[2], [1]]).map((entry) => entry.id)).toEqual([1, 2]);
  });
});

describe("privacy questions", () => {
  it("are recognised by their subject", () => {
    expect(isPrivacyQuestion("Can I share my client's notes?")).toBe(true);
    expect(isPrivacyQuestion("When is disclosure without consent allowed?")).toBe(true);
    expect(isPrivacyQuestion("How should risk in research be minimised?")).toBe(false);
  });

  it("put clinical sources before research-ethics sources, keeping each group's order", () => {
    const passages = [
      { id: 1, category: "research-ethics" },
      { id: 2, category: "code-of-conduct" },
      { id: 3, category: "research-ethics" },
      { id: 4, category: "legislation" },
    ];
    expect(preferClinicalSources("Who may see the patient's records?", passages).map((p) => p.id)).toEqual([2, 4, 1, 3]);
    expect(preferClinicalSources("How is research risk assessed?", passages).map((p) => p.id)).toEqual([1, 2, 3, 4]);
  });
});

describe("fitContextBudget", () => {
  const passage = (id: number, tokens: number) => ({ id, text: "x".repeat(tokens * CHARS_PER_TOKEN) });

  it("keeps the best-ranked passages that fit and drops the rest, lowest ranked first", () => {
    const { kept, dropped } = fitContextBudget({
      passages: [passage(1, 400), passage(2, 300), passage(3, 200), passage(4, 50)],
      contextTokens: 1_000,
      reservedTokens: 200,
    });
    expect(kept.map((p) => p.id)).toEqual([1, 2]);
    expect(dropped.map((p) => p.id)).toEqual([3, 4]);
  });

  it("keeps nothing when the reserve alone fills the window", () => {
    expect(fitContextBudget({ passages: [passage(1, 10)], contextTokens: 500, reservedTokens: 500 }).kept).toEqual([]);
  });
});
