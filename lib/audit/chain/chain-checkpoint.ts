import "server-only";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { chainKinds } from "@/lib/audit/chain/chain-content";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

// A checkpoint is the chain's head (position and hash) at a moment, written to
// a file that is kept somewhere the database's administrators cannot change.
// Comparing against it is the only way to notice the newest records removed
// together with their links.

const checkpointSchema = z.object({
  format: z.literal("cam-audit-checkpoint/1"),
  position: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(chainKinds),
  recordId: z.string().min(1),
  writtenAt: z.iso.datetime(),
});

export type ChainCheckpoint = z.infer<typeof checkpointSchema>;

/** The chain's head now, as a checkpoint; throws when the chain is empty. */
export async function createCheckpoint(db: Db): Promise<ChainCheckpoint> {
  const head = await db.auditChainLink.findFirst({ orderBy: { position: "desc" } });
  if (!head) throw new AppError("conflict", "The audit chain is empty: nothing has been recorded yet, so there is nothing to checkpoint.");
  return {
    format: "cam-audit-checkpoint/1",
    position: head.position,
    hash: head.hash,
    kind: head.kind as ChainCheckpoint["kind"],
    recordId: head.recordId,
    writtenAt: new Date().toISOString(),
  };
}

/** Reads a checkpoint file written by `cam audit checkpoint`. */
export async function readCheckpoint(file: string): Promise<ChainCheckpoint> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new AppError("not_found", `Cannot read the checkpoint ${file} (${(error as Error).message}). Pass the file \`cam audit checkpoint\` wrote.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", `${file} is not JSON; it is not a checkpoint written by \`cam audit checkpoint\`.`);
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) throw new AppError("bad_request", `${file} is not a valid checkpoint: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}.`);
  return parsed.data;
}
