import type { Permission } from "@/lib/auth/permissions";

// Which permission each console page needs, checked before the page renders
// (proxy.ts) so that a refused page answers 403, not a 200 with a notice.
// Pages check again themselves. Longest matching prefix wins. Client-safe.

const pagePermissions: [prefix: string, permission: Permission | "signed-in"][] = [
  ["/admin/users", "users.manage"],
  ["/admin/reveals", "privacy.oversee"],
  ["/admin", "config.write"],
  ["/approvals", "config.approve"],
  ["/audit", "audit.read"],
  ["/dashboard", "audit.read"],
  ["/runs", "audit.read"],
  ["/playground", "chat"],
  ["/", "signed-in"],
];

/** The permission a console page needs, or null when the path is not a console page (sign-in, not-found). */
export function permissionForPage(path: string): Permission | "signed-in" | null {
  if (path === "/") return "signed-in";
  const match = pagePermissions.find(([prefix]) => prefix !== "/" && (path === prefix || path.startsWith(`${prefix}/`)));
  return match ? match[1] : null;
}
