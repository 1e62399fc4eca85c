import type { Metadata } from "next";
import { SettingsAdmin } from "@/components/settings/settings-admin";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getSettingsAdmin } from "@/lib/config/get-settings-admin";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Thresholds" };

export default async function ThresholdsPage() {
  const { caller, allowed } = await getPageAccess("/admin/settings", "config.write");
  if (!allowed) return <AccessDenied permission="config.write" role={caller.role} />;
  const initial = await getSettingsAdmin(getDb());
  return (
    <>
      <PageHeader
        title="Thresholds"
        description="Retrieval thresholds, judge cut-offs, the texts people are shown, crisis cues and limits. Changes are previewed on recent exchanges and saved as a draft, which goes into force once someone else approves it; earlier versions can be rolled back to."
      />
      <SettingsAdmin initial={initial} />
    </>
  );
}
