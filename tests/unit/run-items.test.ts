import { describe, expect, it } from "vitest";
import { attemptRunItem, latestAttempts, parseRunItem, runItemKey } from "@/lib/pipeline/run-items";

describe("evaluation run items", () => {
  it("name a first attempt by its question and scenario, and a retry by its attempt as well", () => {
    const key = runItemKey(12, "B");
    expect(key).toBe("q12:B");
    expect(attemptRunItem(key, 1)).toBe("q12:B");
    expect(attemptRunItem(key, 3)).toBe("q12:B#3");
    expect(parseRunItem("q12:B")).toEqual({ key: "q12:B", questionIndex: 12, attempt: 1 });
    expect(parseRunItem("q12:B#3")).toEqual({ key: "q12:B", questionIndex: 12, attempt: 3 });
  });

  it("keep each item's latest attempt, in the order the rows came, whatever order the attempts were read in", () => {
    const rows = [
      { runItem: "q0:A#2", id: 2 },
      { runItem: "q1:A", id: 4 },
      { runItem: "q0:A", id: 1 },
      { runItem: "q0:A#3", id: 3 },
      { runItem: "q0:B", id: 5 },
    ];
    expect(latestAttempts(rows).map((row) => row.id)).toEqual([4, 3, 5]);
  });
});
