import { describe, expect, it } from "vitest";
import { parseWellFormedJson } from "@/lib/well-formed-json";

describe("parseWellFormedJson", () => {
  it("replaces lone surrogates in string values, at any depth, and keeps paired ones", () => {
    const parsed = parseWellFormedJson(String.raw`{"question":"a \ud83d b","turns":[{"content":"\udc4d"}],"emoji":"\ud83e\ude7a","n":1}`);
    expect(parsed).toEqual({ question: "a \ufffd b", turns: [{ content: "\ufffd" }], emoji: "🩺", n: 1 });
  });

  it("refuses text that is not JSON as JSON.parse does", () => {
    expect(() => parseWellFormedJson("{ not json")).toThrow(SyntaxError);
  });
});
