import type { Metadata } from "next";
import { RulesAdmin } from "@/components/rules/rules-admin";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getRulesAdmin } from "@/lib/config/get-rules-admin";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Rules" };

export default async function RulesPage() {
  const { caller, allowed } = await getPageAccess("/admin/rules", "config.write");
  if (!allowed) return <AccessDenied permission="config.write" role={caller.role} />;
  const initial = await getRulesAdmin(getDb());
  return (
    <>
      <PageHeader
        title="Rules"
        description="The checks every answer goes through. Edit rules, preview how recent decisions would change, and save the change as a draft; it goes into force once someone else has previewed and approved it. Earlier versions stay in the history and can be rolled back to."
      />
      <RulesAdmin initial={initial} />
    </>
  );
}
