import { approveConfigDraft } from "@/lib/config/approve-config-draft";
import { previewConfigDraft } from "@/lib/config/preview-config-draft";
import type { ConfigKind } from "@/lib/config/list-config-history";
import type { Db } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";

// A second person for the draft workflow: drafts are approved by someone who
// did not write them, after previewing them.

/** Creates a reviewer account and returns its id. */
export async function createReviewer(db: Db, email = "rita@hospital.example"): Promise<string> {
  return (await createUser(db, { email, name: "Rita Reviewer", role: "reviewer", password: "rita-long-password" }, null)).id;
}

/** Previews a draft as `reviewerId`, then approves it. */
export async function previewAndApprove(db: Db, options: { kind: ConfigKind; version: number; reviewerId: string }) {
  const { kind, version, reviewerId } = options;
  await previewConfigDraft(db, { actorId: reviewerId, body: { kind, version, limit: 50 } });
  return approveConfigDraft(db, { actorId: reviewerId, body: { kind, version } });
}
