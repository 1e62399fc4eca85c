import type { Permission } from "@/lib/auth/permissions";

/** The console's sections, in navigation order, with the permission each needs. */
export const navItems: { href: string; label: string; permission: Permission }[] = [
  { href: "/playground", label: "Playground", permission: "chat" },
  { href: "/audit", label: "Audit", permission: "audit.read" },
  { href: "/runs", label: "Runs", permission: "audit.read" },
  { href: "/dashboard", label: "Dashboard", permission: "audit.read" },
  { href: "/approvals", label: "Approvals", permission: "config.approve" },
  { href: "/admin", label: "Admin", permission: "config.write" },
];
