import { describe, expect, it } from "vitest";
import { can, type Permission, permissionLabels, permissions } from "@/lib/auth/permissions";

const expected: Record<"clinician" | "reviewer" | "admin", Permission[]> = {
  clinician: ["chat"],
  reviewer: ["chat", "audit.read", "audit.label", "audit.reveal", "config.approve"],
  admin: [...permissions],
};

describe("permission table", () => {
  for (const [role, granted] of Object.entries(expected) as [keyof typeof expected, Permission[]][]) {
    it(`gives ${role} exactly ${granted.join(", ")}`, () => {
      expect(permissions.filter((permission) => can(role, permission))).toEqual(granted);
    });
  }

  it("describes every permission for messages", () => {
    for (const permission of permissions) expect(permissionLabels[permission]).toMatch(/^[a-z]/);
  });
});
