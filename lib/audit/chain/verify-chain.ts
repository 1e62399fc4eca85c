import "server-only";
import { GENESIS_HASH, linkHash } from "@/lib/audit/chain/append-to-chain";
import type { ChainCheckpoint } from "@/lib/audit/chain/chain-checkpoint";
import { type ChainKind, type ContentOf, chainKinds, chainTables, contentHash, loadChainContents } from "@/lib/audit/chain/chain-content";
import { type Db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Keyring } from "@/lib/privacy/encryption-keys";

// Walks the audit chain from the first link and reports every place it no
// longer matches what was written: a record edited or deleted, a link removed,
// links reordered, records that were never chained, and (given a checkpoint
// kept elsewhere) newest records cut off the end.

export type ChainProblem = {
  problem: "edited" | "deleted" | "reordered" | "link-removed" | "link-altered" | "unreadable" | "unchained" | "truncated";
  position: number | null;
  kind: ChainKind | null;
  recordId: string | null;
  message: string;
};

export type ChainReport = {
  links: number;
  head: { position: number; hash: string } | null;
  problems: ChainProblem[];
  /** Whether a checkpoint was compared; without one, removing the newest records cannot be seen. */
  checkpointChecked: boolean;
};

const BATCH = 1000;
/** Enough to locate the damage; the first problem is the one that matters. */
const MAX_PROBLEMS = 100;

type Link = { position: number; kind: string; recordId: string; contentHash: string; previousHash: string; hash: string };

function describe(link: Link): string {
  return `${chainTables[link.kind as ChainKind] ?? link.kind} ${link.recordId} (position ${link.position})`;
}

/** The first thing wrong with one link, given the link before it and the record's current content. */
function checkLink(link: Link, previous: { position: number; hash: string }, content: ContentOf | undefined): ChainProblem | null {
  const at = { position: link.position, kind: link.kind as ChainKind, recordId: link.recordId };
  if (link.position !== previous.position + 1) {
    return { ...at, problem: "link-removed", message: `The chain skips from position ${previous.position} to ${link.position}: the record(s) in between were deleted together with their links.` };
  }
  if (link.previousHash !== previous.hash) {
    return { ...at, problem: "reordered", message: `${describe(link)} does not follow the record before it: records were reordered, or one before it was removed.` };
  }
  if (linkHash(link) !== link.hash) return { ...at, problem: "link-altered", message: `The chain link of ${describe(link)} was altered.` };
  if (!content) return { ...at, problem: "deleted", message: `${describe(link)} was deleted.` };
  let hash: string;
  try {
    hash = contentHash(content());
  } catch (error) {
    const missingKey = error instanceof AppError && error.code === "config_invalid";
    return {
      ...at,
      problem: missingKey ? "unreadable" : "edited",
      message: missingKey ? `${describe(link)} cannot be checked: ${error.message}` : `${describe(link)} was edited: its sealed text fails its integrity check.`,
    };
  }
  return hash === link.contentHash ? null : { ...at, problem: "edited", message: `${describe(link)} was edited after it was written.` };
}

/** Content for one batch of links, loaded per kind. */
async function contentsFor(db: Db, links: Link[], keyring: Keyring) {
  const byKind = new Map<string, ContentOf>();
  for (const kind of chainKinds) {
    const ids = links.filter((link) => link.kind === kind).map((link) => link.recordId);
    if (!ids.length) continue;
    for (const [id, content] of await loadChainContents(db, kind, ids, () => keyring)) byKind.set(`${kind}:${id}`, content);
  }
  return byKind;
}

/** Records present in a table but absent from the chain: written around CAM, straight into the database. */
async function findUnchained(db: Db): Promise<ChainProblem[]> {
  const problems: ChainProblem[] = [];
  for (const kind of chainKinds) {
    const table = Prisma.raw(`"${chainTables[kind]}"`);
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT t."id" FROM ${table} t
      WHERE NOT EXISTS (SELECT 1 FROM "AuditChainLink" l WHERE l."kind" = ${kind} AND l."recordId" = t."id")
      ORDER BY t."id" LIMIT 20`;
    for (const { id } of rows) {
      problems.push({ problem: "unchained", position: null, kind, recordId: id, message: `${chainTables[kind]} ${id} is not in the chain: it was added outside CAM.` });
    }
  }
  return problems;
}

function compareCheckpoint(checkpoint: ChainCheckpoint, head: { position: number } | null, hashAtCheckpoint: string | undefined): ChainProblem | null {
  const named = `${chainTables[checkpoint.kind] ?? checkpoint.kind} ${checkpoint.recordId}`;
  if (!head || head.position < checkpoint.position) {
    const end = head?.position ?? 0;
    return {
      problem: "truncated",
      position: end + 1,
      kind: checkpoint.kind,
      recordId: checkpoint.recordId,
      message: `The chain ends at position ${end}, but the checkpoint of ${checkpoint.writtenAt} ends at position ${checkpoint.position} (${named}): the newest ${checkpoint.position - end} record(s), from position ${end + 1}, were removed.`,
    };
  }
  if (hashAtCheckpoint !== checkpoint.hash) {
    return {
      problem: "edited",
      position: checkpoint.position,
      kind: checkpoint.kind,
      recordId: checkpoint.recordId,
      message: `The chain at position ${checkpoint.position} does not match the checkpoint of ${checkpoint.writtenAt}: the chain up to ${named} was rewritten.`,
    };
  }
  return null;
}

/** Verifies the whole chain; `onProgress` hears how many links are checked so far. */
export async function verifyChain(
  db: Db,
  options: { keyring: Keyring; checkpoint?: ChainCheckpoint; onProgress?: (checked: number, total: number) => void },
): Promise<ChainReport> {
  const total = await db.auditChainLink.count();
  const problems: ChainProblem[] = [];
  let previous = { position: 0, hash: GENESIS_HASH };
  let hashAtCheckpoint: string | undefined;
  let checked = 0;
  for (;;) {
    const links = await db.auditChainLink.findMany({ where: { position: { gt: previous.position } }, orderBy: { position: "asc" }, take: BATCH });
    if (!links.length) break;
    const contents = await contentsFor(db, links, options.keyring);
    for (const link of links) {
      const problem = checkLink(link, previous, contents.get(`${link.kind}:${link.recordId}`));
      if (problem && problems.length < MAX_PROBLEMS) problems.push(problem);
      if (link.position === options.checkpoint?.position) hashAtCheckpoint = link.hash;
      previous = { position: link.position, hash: link.hash };
    }
    checked += links.length;
    options.onProgress?.(checked, total);
  }
  const head = checked ? previous : null;
  problems.push(...(await findUnchained(db)));
  const truncation = options.checkpoint ? compareCheckpoint(options.checkpoint, head, hashAtCheckpoint) : null;
  if (truncation) problems.push(truncation);
  return { links: checked, head, problems, checkpointChecked: Boolean(options.checkpoint) };
}
