import type { Metadata } from "next";
import { DraftsAwaitingApproval } from "@/components/config-drafts/drafts-awaiting-approval";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";

export const metadata: Metadata = { title: "Approvals" };

/** Where reviewers (who cannot edit rules and settings) approve or reject drafts; admins see the same sections on the admin pages. */
export default async function ApprovalsPage() {
  const { caller, allowed } = await getPageAccess("/approvals", "config.approve");
  if (!allowed) return <AccessDenied permission="config.approve" role={caller.role} />;
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Rule and threshold changes wait here as drafts until someone other than their author previews their effect on recent answers and approves or rejects them."
      />
      <div className="space-y-8 [contain:inline-size]">
        <DraftsAwaitingApproval kind="rules" title="Rule pack drafts awaiting approval" />
        <DraftsAwaitingApproval kind="settings" title="Settings drafts awaiting approval" />
      </div>
    </>
  );
}
