import { describe, expect, it } from "vitest";
import { verdictFor } from "@/lib/judges/verdict-for";
import { defaultSettings } from "@/lib/schemas/settings";

const thresholds = { allowAtLeast: 4, warnAtLeast: 2.5 };

describe("verdictFor", () => {
  it("allows at and above the allow cut-off", () => {
    expect(verdictFor(4, thresholds)).toBe("allow");
    expect(verdictFor(5, thresholds)).toBe("allow");
  });

  it("warns from the warn cut-off up to just below the allow cut-off", () => {
    expect(verdictFor(3.99, thresholds)).toBe("warn");
    expect(verdictFor(2.5, thresholds)).toBe("warn");
  });

  it("blocks below the warn cut-off", () => {
    expect(verdictFor(2.49, thresholds)).toBe("block");
    expect(verdictFor(0, thresholds)).toBe("block");
  });

  it("never warns when both cut-offs are equal", () => {
    expect(verdictFor(3, { allowAtLeast: 3, warnAtLeast: 3 })).toBe("allow");
    expect(verdictFor(2.9, { allowAtLeast: 3, warnAtLeast: 3 })).toBe("block");
  });

  it("reads the settings' judge thresholds as they are", () => {
    expect(verdictFor(4, defaultSettings.judges)).toBe("allow");
    expect(verdictFor(2.5, defaultSettings.judges)).toBe("warn");
  });
});
