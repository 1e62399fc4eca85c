import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import { assertDraftStatus, assertNotAuthor } from "@/lib/config/assert-can-decide-draft";
import { changeConfigStatus, configAction, configEntityType, configNouns, getConfigRowOrThrow } from "@/lib/config/config-draft-rows";
import type { Db } from "@/lib/db";
import type { RejectDraftBody } from "@/lib/schemas/config-changes";

/** A rejection, as logged. */
export type RejectedDraft = { version: number; summary: string };

/**
 * Rejects a draft with a reason: it stays in the history, marked rejected,
 * and can never be approved or rolled back to. Refused to its author.
 * Assumes a validated body and a caller with config.approve.
 */
export async function rejectConfigDraft(db: Db, options: { actorId: string; body: RejectDraftBody }): Promise<RejectedDraft> {
  const { kind, version, reason } = options.body;
  const draft = await getConfigRowOrThrow(db, kind, version);
  assertDraftStatus(kind, draft);
  assertNotAuthor(kind, draft, options.actorId);
  return db.$transaction(async (tx) => {
    if (!(await changeConfigStatus(tx, kind, version, { from: "draft", to: "rejected", reviewedById: options.actorId }))) {
      assertDraftStatus(kind, { version, status: "decided by someone else" });
    }
    const summary = `Rejected ${configNouns[kind]} draft ${version}: ${reason}`;
    await recordAdminChange(tx, {
      actorId: options.actorId,
      action: configAction(kind, "reject"),
      entityType: configEntityType(kind),
      entityId: String(version),
      summary,
      after: { version, reason },
    });
    return { version, summary };
  });
}
