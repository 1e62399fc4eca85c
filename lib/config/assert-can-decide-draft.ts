import { configNouns, type ConfigRow } from "@/lib/config/config-draft-rows";
import type { ConfigKind } from "@/lib/config/list-config-history";
import { AppError } from "@/lib/errors";

// The refusals shared by previewing, approving and rejecting a draft.

/** Only drafts are previewed, approved or rejected; anything else was decided already. */
export function assertDraftStatus(kind: ConfigKind, row: Pick<ConfigRow, "version" | "status">): void {
  if (row.status === "draft") return;
  throw new AppError(
    "conflict",
    `The ${configNouns[kind]} version ${row.version} is not a draft any more (it is ${row.status}), so there is nothing to decide. Reload the page to see the drafts still awaiting approval.`,
  );
}

/** Four eyes: whoever wrote or imported a draft may not approve or reject it. */
export function assertNotAuthor(kind: ConfigKind, row: Pick<ConfigRow, "version" | "createdById">, actorId: string): void {
  if (row.createdById !== actorId) return;
  throw new AppError(
    "forbidden",
    `You wrote ${configNouns[kind]} draft ${row.version}, so someone else must approve or reject it: a change goes into force only after a second person has checked it. Ask another reviewer or admin.`,
  );
}
