import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import { assertDraftStatus, assertNotAuthor } from "@/lib/config/assert-can-decide-draft";
import { configAction, configEntityType, configNouns, changeConfigStatus, getActiveConfigRowOrThrow, getConfigRowOrThrow } from "@/lib/config/config-draft-rows";
import type { PreviewSummary } from "@/lib/config/preview-config-draft";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ApproveDraftBody } from "@/lib/schemas/config-changes";

// Approving a draft puts it in force: the draft becomes the active version and
// the previous one is superseded, with the approval (and the preview it was
// based on) in the admin-change log, in one transaction. Refused to the
// draft's author, to anyone who has not previewed this draft's effect, and
// when the version in force changed after the draft was written (approving it
// would silently undo that change).

/** The approval: the version now in force and the one it replaced. */
export type ApprovedDraft = { version: number; previousVersion: number; summary: string };

const stale = (noun: string, draft: number, active: number) =>
  new AppError(
    "conflict",
    `The ${noun} in force changed after draft ${draft} was written (version ${active} is in force now), so approving the draft would undo that change. Reject draft ${draft} and make the change again from version ${active}.`,
  );

/** Approves a draft; see the module comment. Assumes a validated body and a caller with config.approve. */
export async function approveConfigDraft(db: Db, options: { actorId: string; body: ApproveDraftBody }): Promise<ApprovedDraft> {
  const { kind, version } = options.body;
  const noun = configNouns[kind];
  const draft = await getConfigRowOrThrow(db, kind, version);
  assertDraftStatus(kind, draft);
  assertNotAuthor(kind, draft, options.actorId);
  const preview = await db.adminChange.findFirst({
    where: { action: configAction(kind, "preview"), entityType: configEntityType(kind), entityId: String(version), actorId: options.actorId },
    orderBy: { createdAt: "desc" },
  });
  if (!preview) {
    throw new AppError(
      "bad_request",
      `Preview the effect of ${noun} draft ${version} before approving it: press "Preview the effect" to replay recent answers under the draft, check the result, then approve.`,
    );
  }

  return db.$transaction(async (tx) => {
    const active = await getActiveConfigRowOrThrow(tx, kind);
    if (active.activatedAt && active.activatedAt > draft.createdAt) throw stale(noun, version, active.version);
    if (!(await changeConfigStatus(tx, kind, active.version, { from: "active", to: "superseded" }))) throw stale(noun, version, active.version);
    if (!(await changeConfigStatus(tx, kind, version, { from: "draft", to: "active", reviewedById: options.actorId, activate: true }))) {
      assertDraftStatus(kind, { version, status: "decided by someone else" });
    }
    const seen = preview.after as PreviewSummary;
    const summary =
      `Approved ${noun} draft ${version}, replacing version ${active.version}, ` +
      `after previewing it on ${seen.exchanges} recent exchanges (${seen.decisionChanges} decisions would change)`;
    await recordAdminChange(tx, {
      actorId: options.actorId,
      action: configAction(kind, "approve"),
      entityType: configEntityType(kind),
      entityId: String(version),
      summary,
      before: { version: active.version },
      after: { version, preview: { ...seen, at: preview.createdAt.toISOString(), logEntry: preview.id } },
    });
    return { version, previousVersion: active.version, summary };
  });
}
