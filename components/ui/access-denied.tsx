import { type Permission, permissionLabels } from "@/lib/auth/permissions";

/** Shown instead of a page the signed-in user's role may not see; `permission` is what it needs, when known. */
export function AccessDenied({ permission, role }: { permission: Permission | null; role: string }) {
  return (
    <section role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6">
      <h1 className="text-lg font-semibold text-amber-900">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-amber-900">
        {permission ? `It needs permission to ${permissionLabels[permission]}, which your role (${role}) does not have.` : `Your role (${role}) does not include it.`}{" "}
        Ask an administrator if you need it.
      </p>
    </section>
  );
}
