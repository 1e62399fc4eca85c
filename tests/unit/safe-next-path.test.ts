import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/safe-next-path";

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/audit?action=block")).toBe("/audit?action=block");
    expect(safeNextPath(["/runs", "/admin"])).toBe("/runs");
  });

  it("refuses anything that could leave the site", () => {
    for (const next of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", undefined]) {
      expect(safeNextPath(next)).toBe("/");
    }
  });
});
