import type { Metadata } from "next";
import { UsersManager } from "@/components/admin/users-manager";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { caller, allowed } = await getPageAccess("/admin/users", "users.manage");
  if (!allowed) return <AccessDenied permission="users.manage" role={caller.role} />;
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can use the console and what their role lets them do. Disabling an account signs it out everywhere and stops its API keys. Unlink single sign-on when a person's identity at the provider changed: their next single sign-on links the new one."
      />
      <UsersManager currentUserId={caller.userId} />
    </>
  );
}
