import "server-only";
import { configEntityTypes, type ConfigKind } from "@/lib/config/list-config-history";
import type { Db, Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type RulePack, rulePackSchema } from "@/lib/schemas/rules";
import { type Settings, settingsSchema } from "@/lib/schemas/settings";

// The rows the draft workflow reads and changes, for either kind of
// configuration, so the workflow itself is written once.

/** A stored version's content: a rule pack or settings values. */
export type ConfigContent = { kind: "rules"; rules: RulePack } | { kind: "settings"; values: Settings };

export type ConfigRow = { version: number; status: string; createdById: string | null; createdAt: Date; activatedAt: Date | null; note: string; content: ConfigContent };

export const configNouns: Record<ConfigKind, string> = { rules: "rule pack", settings: "settings" };

/** The log's action names for one kind, e.g. "rules.approve". */
export const configAction = (kind: ConfigKind, verb: "preview" | "approve" | "reject") => `${kind}.${verb}`;

export const configEntityType = (kind: ConfigKind) => configEntityTypes[kind];

type StoredRow = Omit<ConfigRow, "content"> & { rules?: unknown; values?: unknown };

function toRow(kind: ConfigKind, row: StoredRow): ConfigRow {
  const content: ConfigContent = kind === "rules" ? { kind, rules: rulePackSchema.parse(row.rules) } : { kind, values: settingsSchema.parse(row.values) };
  return { version: row.version, status: row.status, createdById: row.createdById, createdAt: row.createdAt, activatedAt: row.activatedAt, note: row.note, content };
}

/** One version of either kind, or a not-found error. */
export async function getConfigRowOrThrow(db: Db | Tx, kind: ConfigKind, version: number): Promise<ConfigRow> {
  const row = kind === "rules" ? await db.ruleSetVersion.findUnique({ where: { version } }) : await db.settingsVersion.findUnique({ where: { version } });
  if (!row) throw new AppError("not_found", `There is no ${configNouns[kind]} version ${version}. Reload the page to see the drafts awaiting approval.`);
  return toRow(kind, row);
}

/** The version in force of either kind. */
export async function getActiveConfigRowOrThrow(db: Db | Tx, kind: ConfigKind): Promise<ConfigRow> {
  const query = { where: { status: "active" as const }, orderBy: { version: "desc" as const } };
  const row = kind === "rules" ? await db.ruleSetVersion.findFirst(query) : await db.settingsVersion.findFirst(query);
  if (!row) throw new AppError("service_unavailable", `No active ${configNouns[kind]} is installed. Run \`npm run cam -- db seed\`.`);
  return toRow(kind, row);
}

/** The drafts of one kind, oldest first. */
export async function listDraftRows(db: Db, kind: ConfigKind): Promise<ConfigRow[]> {
  const query = { where: { status: "draft" as const }, orderBy: { version: "asc" as const } };
  const rows = kind === "rules" ? await db.ruleSetVersion.findMany(query) : await db.settingsVersion.findMany(query);
  return rows.map((row) => toRow(kind, row));
}

type StatusChange = { from: "draft" | "active"; to: "active" | "superseded" | "rejected"; reviewedById?: string; activate?: boolean };

/** Moves one version from one status to another; false when it was no longer in `from` (someone else got there first). */
export async function changeConfigStatus(tx: Tx, kind: ConfigKind, version: number, change: StatusChange): Promise<boolean> {
  const now = new Date();
  const data = {
    status: change.to,
    ...(change.reviewedById ? { reviewedById: change.reviewedById, reviewedAt: now } : {}),
    ...(change.activate ? { activatedAt: now } : {}),
  };
  const where = { version, status: change.from };
  const result = kind === "rules" ? await tx.ruleSetVersion.updateMany({ where, data }) : await tx.settingsVersion.updateMany({ where, data });
  return result.count === 1;
}
