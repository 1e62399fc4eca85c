import type { Role } from "@/lib/generated/sqlite/enums";

// The one permission table. Server code checks permissions, never roles, so
// changing who may do what is a change to this table alone. Client-safe.

export const permissions = [
  "chat",
  "audit.read",
  "audit.label",
  "audit.reveal",
  "privacy.oversee",
  "config.write",
  "config.approve",
  "users.manage",
  "pipeline.run",
] as const;

export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  clinician: ["chat"],
  // Reviewers may reveal original text (with a reason, recorded); admins oversee who did.
  // Reviewers may approve configuration drafts, never their own (see approve-config-draft.ts).
  reviewer: ["chat", "audit.read", "audit.label", "audit.reveal", "config.approve"],
  admin: permissions,
};

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** What a permission lets someone do, for messages such as "You need permission to ...". */
export const permissionLabels: Record<Permission, string> = {
  chat: "ask questions in the playground",
  "audit.read": "read audit records",
  "audit.label": "label audit records",
  "audit.reveal": "reveal unredacted text",
  "privacy.oversee": "review who revealed unredacted text",
  "config.write": "change rules and settings",
  "config.approve": "approve or reject drafts of rules and settings",
  "users.manage": "manage users",
  "pipeline.run": "run evaluation pipelines",
};
