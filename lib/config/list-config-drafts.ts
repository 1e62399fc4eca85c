import "server-only";
import { getActiveConfigRowOrThrow, configAction, configEntityType, type ConfigRow, listDraftRows } from "@/lib/config/config-draft-rows";
import { describeRulePackDiff, diffRulePacks } from "@/lib/config/diff-rule-packs";
import { describeSettingsDiff, diffSettings } from "@/lib/config/diff-settings";
import type { ConfigKind } from "@/lib/config/list-config-history";
import type { Db } from "@/lib/db";

// The drafts awaiting approval, as one viewer sees them: what each changes
// against the version in force, who wrote it, the evaluation runs that tried
// it on a question set, and whether this viewer may approve it yet.

export type ConfigDraftSummary = {
  version: number;
  note: string;
  createdAt: string;
  author: { name: string; email: string } | null;
  /** One line per change against the version in force. */
  changes: string[];
  /** The viewer wrote it, so may not approve or reject it. */
  ownDraft: boolean;
  /** The viewer has requested its what-if preview (approval needs it). */
  previewedByYou: boolean;
  /** The version in force changed after the draft was written; it can only be rejected. */
  stale: boolean;
  /** Evaluation runs that answered a question set under this draft (`cam pipeline --draft`), newest first. */
  evaluations: { id: string; name: string; status: string; createdAt: string }[];
};

export type ConfigDrafts = { activeVersion: number; drafts: ConfigDraftSummary[] };

function describeChanges(active: ConfigRow, draft: ConfigRow): string[] {
  if (active.content.kind === "rules" && draft.content.kind === "rules") return describeRulePackDiff(diffRulePacks(active.content.rules, draft.content.rules));
  if (active.content.kind === "settings" && draft.content.kind === "settings") return describeSettingsDiff(diffSettings(active.content.values, draft.content.values));
  return [];
}

/** The drafts of one kind awaiting approval, oldest first, for `viewerId`. */
export async function listConfigDrafts(db: Db, options: { kind: ConfigKind; viewerId: string }): Promise<ConfigDrafts> {
  const { kind, viewerId } = options;
  const [active, drafts] = await Promise.all([getActiveConfigRowOrThrow(db, kind), listDraftRows(db, kind)]);
  const authorIds = [...new Set(drafts.flatMap((draft) => (draft.createdById ? [draft.createdById] : [])))];
  // A run records the versions it answered under; a draft's version can only have come from trying the draft.
  const versionColumn = kind === "rules" ? "ruleSetVersion" : "settingsVersion";
  const [authors, previews, runs] = await Promise.all([
    db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } }),
    db.adminChange.findMany({
      where: { action: configAction(kind, "preview"), entityType: configEntityType(kind), actorId: viewerId, entityId: { in: drafts.map((draft) => String(draft.version)) } },
      select: { entityId: true },
    }),
    db.evaluationRun.findMany({
      where: { [versionColumn]: { in: drafts.map((draft) => draft.version) } },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, status: true, createdAt: true, ruleSetVersion: true, settingsVersion: true },
    }),
  ]);
  const authorFor = new Map(authors.map((author) => [author.id, { name: author.name, email: author.email }]));
  const previewed = new Set(previews.map((preview) => preview.entityId));
  return {
    activeVersion: active.version,
    drafts: drafts.map((draft) => ({
      version: draft.version,
      note: draft.note,
      createdAt: draft.createdAt.toISOString(),
      author: draft.createdById ? (authorFor.get(draft.createdById) ?? null) : null,
      changes: describeChanges(active, draft),
      ownDraft: draft.createdById === viewerId,
      previewedByYou: previewed.has(String(draft.version)),
      stale: Boolean(active.activatedAt && active.activatedAt > draft.createdAt),
      evaluations: runs
        .filter((run) => run[versionColumn] === draft.version)
        .map((run) => ({ id: run.id, name: run.name, status: run.status, createdAt: run.createdAt.toISOString() })),
    })),
  };
}
