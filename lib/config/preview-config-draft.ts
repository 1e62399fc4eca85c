import "server-only";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import { assertDraftStatus } from "@/lib/config/assert-can-decide-draft";
import { configAction, configEntityType, getConfigRowOrThrow } from "@/lib/config/config-draft-rows";
import { runWhatIf, type WhatIfResponse } from "@/lib/config/run-what-if";
import type { Db } from "@/lib/db";
import type { PreviewDraftBody, WhatIfChange } from "@/lib/schemas/config-changes";

/** What an approver saw in a draft's preview; stored with the preview and again with the approval. */
export type PreviewSummary = {
  exchanges: number;
  replayed: number;
  decisionChanges: number;
  findingChanges: number;
  judgeVerdictChanges: number;
  notReplayable: number;
  transitions: { from: string; to: string; count: number }[];
  comparedWith: { ruleSet: number; settings: number };
};

export const summarisePreview = (result: WhatIfResponse): PreviewSummary => ({
  exchanges: result.considered,
  replayed: result.replayed,
  decisionChanges: result.decisionChanges.length,
  findingChanges: result.findingChanges.length,
  judgeVerdictChanges: result.judgeVerdictChanges.length,
  notReplayable: result.notReplayable.length,
  transitions: result.transitions,
  comparedWith: result.versions,
});

/**
 * Replays recent exchanges under a draft (the what-if preview) and records,
 * in the admin-change log, that this caller saw it and what it showed:
 * approval is refused until the approver has done this. Assumes a validated
 * body and a caller with config.approve.
 */
export async function previewConfigDraft(db: Db, options: { actorId: string; body: PreviewDraftBody }): Promise<WhatIfResponse> {
  const { kind, version, limit } = options.body;
  const draft = await getConfigRowOrThrow(db, kind, version);
  assertDraftStatus(kind, draft);
  const change: WhatIfChange = draft.content.kind === "rules" ? { kind: "rules", rules: draft.content.rules } : { kind: "settings", values: draft.content.values };
  const result = await runWhatIf(db, { limit, change });
  const summary = summarisePreview(result);
  await db.$transaction((tx) =>
    recordAdminChange(tx, {
      actorId: options.actorId,
      action: configAction(kind, "preview"),
      entityType: configEntityType(kind),
      entityId: String(version),
      summary: `Previewed draft ${version} on ${summary.exchanges} recent exchanges: ${summary.decisionChanges} decisions and ${summary.findingChanges} sets of findings would change`,
      after: summary,
    }),
  );
  return result;
}
