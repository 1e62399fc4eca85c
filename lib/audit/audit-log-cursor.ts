import { z } from "zod";
import { AppError } from "@/lib/errors";

// Where `cam audit export` stopped: the audit chain position of the last
// record it wrote. Positions are handed out in commit order under a lock
// (append-to-chain.ts), so "after this position" never skips a record that
// committed late or repeats one. Opaque base64url JSON, decoded with a schema.

const cursorSchema = z.object({ v: z.literal(1), p: z.int().nonnegative() });

/** The cursor for "after chain position `position`". */
export function encodeAuditLogCursor(position: number): string {
  return Buffer.from(JSON.stringify({ v: 1, p: position })).toString("base64url");
}

/** The chain position a cursor continues after; a damaged cursor is an AppError saying what to do. */
export function decodeAuditLogCursor(text: string): number {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text.trim(), "base64url").toString("utf8"))).p;
  } catch {
    throw new AppError("bad_request", "The --cursor value is damaged: pass the cursor the previous `cam audit export` printed, exactly as printed, or start again with --since.");
  }
}
