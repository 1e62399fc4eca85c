import "server-only";
import { z } from "zod";
import { configNouns, getConfigRowOrThrow } from "@/lib/config/config-draft-rows";
import { type ActiveConfig, getActiveConfig } from "@/lib/config/get-active-config";
import type { ConfigKind } from "@/lib/config/list-config-history";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// A configuration to answer under that is not (yet) the one in force: the
// active configuration with a stored version of the rule pack and/or the
// settings in place of the active one. Batch evaluation uses it to try a
// draft on a question set before anyone approves it.

/** Stored versions to use instead of the active ones, e.g. { rules: 12 }. */
export type ConfigVersions = Partial<Record<ConfigKind, number>>;

/** How an evaluation run's options record the versions it tries. */
const runOptionsSchema = z.object({ configVersions: z.object({ rules: z.int().optional(), settings: z.int().optional() }).default({}) });

/** The rule pack and settings versions an evaluation run tries instead of those in force ({} for none). */
export const runConfigVersions = (runOptions: unknown): ConfigVersions => runOptionsSchema.parse(runOptions ?? {}).configVersions;

/** The active configuration with the given versions swapped in. */
export async function getConfigWith(db: Db, versions: ConfigVersions): Promise<ActiveConfig> {
  // A copy: the active configuration is cached and shared with every request.
  const config = { ...(await getActiveConfig(db)) };
  if (versions.rules !== undefined) {
    const row = await getConfigRowOrThrow(db, "rules", versions.rules);
    if (row.content.kind === "rules") config.ruleSet = { version: row.version, note: row.note, activatedAt: row.activatedAt, rules: row.content.rules };
  }
  if (versions.settings !== undefined) {
    const row = await getConfigRowOrThrow(db, "settings", versions.settings);
    if (row.content.kind === "settings") config.settings = { version: row.version, note: row.note, activatedAt: row.activatedAt, values: row.content.values };
  }
  return config;
}

/** Refuses versions that are not drafts: trying out a configuration before approval is what the override is for. */
export async function assertDrafts(db: Db, versions: ConfigVersions): Promise<void> {
  for (const kind of ["rules", "settings"] as const) {
    const version = versions[kind];
    if (version === undefined) continue;
    const row = await getConfigRowOrThrow(db, kind, version);
    if (row.status !== "draft") {
      const noun = configNouns[kind];
      throw new AppError(
        "conflict",
        `${noun[0]?.toUpperCase()}${noun.slice(1)} version ${version} is ${row.status}, not a draft. Evaluate a draft awaiting approval (Approvals page), or leave out --draft to use the ${configNouns[kind]} in force.`,
      );
    }
  }
}
