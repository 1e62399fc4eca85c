import type { Metadata } from "next";
import { KnowledgeBaseManager } from "@/components/admin/knowledge-base-manager";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";

export const metadata: Metadata = { title: "Knowledge base" };

export default async function KnowledgeBasePage() {
  const { caller, allowed } = await getPageAccess("/admin/knowledge-base", "config.write");
  if (!allowed) return <AccessDenied permission="config.write" role={caller.role} />;
  return (
    <>
      <PageHeader
        title="Knowledge base"
        description="The regulations and codes CAM grounds its answers in. A rebuild is prepared beside the store in use and replaces it only when complete."
      />
      <KnowledgeBaseManager />
    </>
  );
}
