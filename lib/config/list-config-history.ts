import "server-only";
import type { Db } from "@/lib/db";

// The version history of the rule pack or the settings: every version, newest
// first, with who saved it and the admin-change log entry that explains it.

export type ConfigKind = "rules" | "settings";

export type ConfigVersionSummary = {
  version: number;
  status: "draft" | "active" | "superseded" | "rejected";
  note: string;
  createdAt: string;
  activatedAt: string | null;
  /** Who saved it; null when it came from the seed or the command line. */
  author: { name: string; email: string } | null;
  /** The admin-change log entry that created it, when there is one. */
  change: { action: string; summary: string; at: string } | null;
};

/** The admin-change log's entity type for each kind of configuration (as the seed writes it). */
export const configEntityTypes: Record<ConfigKind, string> = { rules: "rule_set", settings: "settings" };

/** Versions shown at most; older ones stay in the database and the log. */
const HISTORY_LIMIT = 200;

/** The newest versions of one kind of configuration, with their authors and log entries. */
export async function listConfigHistory(db: Db, kind: ConfigKind): Promise<ConfigVersionSummary[]> {
  const query = {
    select: { version: true, status: true, note: true, createdAt: true, activatedAt: true, createdById: true },
    orderBy: { version: "desc" as const },
    take: HISTORY_LIMIT,
  };
  const versions = kind === "rules" ? await db.ruleSetVersion.findMany(query) : await db.settingsVersion.findMany(query);
  const authorIds = [...new Set(versions.flatMap((version) => (version.createdById ? [version.createdById] : [])))];
  const [changes, authors] = await Promise.all([
    db.adminChange.findMany({
      where: { entityType: configEntityTypes[kind], entityId: { in: versions.map((version) => String(version.version)) } },
      orderBy: { createdAt: "asc" },
      select: { entityId: true, action: true, summary: true, createdAt: true, actor: { select: { name: true, email: true } } },
    }),
    db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } }),
  ]);
  // The first entry per version is the one that wrote it; later ones (previews, approvals) are decisions about it.
  const changeFor = new Map<string | null, (typeof changes)[number]>();
  for (const change of changes) if (!changeFor.has(change.entityId)) changeFor.set(change.entityId, change);
  const authorFor = new Map(authors.map((author) => [author.id, { name: author.name, email: author.email }]));
  return versions.map((version) => {
    const change = changeFor.get(String(version.version));
    return {
      version: version.version,
      status: version.status,
      note: version.note,
      createdAt: version.createdAt.toISOString(),
      activatedAt: version.activatedAt?.toISOString() ?? null,
      author: change?.actor ?? (version.createdById ? (authorFor.get(version.createdById) ?? null) : null),
      change: change ? { action: change.action, summary: change.summary, at: change.createdAt.toISOString() } : null,
    };
  });
}
