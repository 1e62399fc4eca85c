import type { Metadata } from "next";
import { OffshoreTransfers } from "@/components/admin/offshore-transfers";
import { ScenariosManager } from "@/components/admin/scenarios-manager";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";

export const metadata: Metadata = { title: "Scenarios" };

export default async function ScenariosPage() {
  const { caller, allowed } = await getPageAccess("/admin/scenarios", "config.write");
  if (!allowed) return <AccessDenied permission="config.write" role={caller.role} />;
  return (
    <>
      <PageHeader
        title="Scenarios"
        description="Each scenario is a model, retrieval on or off, and how the model generates. Exchanges keep the settings they ran with, so changes here do not rewrite history."
      />
      <div className="space-y-10">
        <ScenariosManager />
        <OffshoreTransfers />
      </div>
    </>
  );
}
