import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { type ExchangeSort, exchangeSorts } from "@/lib/schemas/audit";

// Keyset paging: a cursor is the sort position of a page's first or last row
// (its sort key, createdAt and id) and which way to read from it. Encoded as
// base64url JSON so it travels in a URL; decoded with a schema, never trusted.

/** Where a page starts: after a row (the next page) or before it (the previous page). */
export type ExchangeCursor = {
  sort: ExchangeSort;
  direction: "after" | "before";
  /** The row's sort key when it is not createdAt (totalMs, number of findings). */
  key: number | null;
  createdAt: Date;
  id: string;
};

const cursorSchema = z.object({
  s: z.enum(exchangeSorts),
  d: z.enum(["a", "b"]),
  k: z.number().int().min(0).nullable(),
  c: z.iso.datetime(),
  i: z.string().min(1).max(64),
});

/** The cursor as a URL-safe string. */
export function encodeCursor(cursor: ExchangeCursor): string {
  const payload = { s: cursor.sort, d: cursor.direction === "after" ? "a" : "b", k: cursor.key, c: cursor.createdAt.toISOString(), i: cursor.id };
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

/** Reads a cursor made by encodeCursor for the same order; anything else is a 400 with what to do. */
export function decodeCursor(text: string, sort: ExchangeSort): ExchangeCursor {
  let parsed: z.infer<typeof cursorSchema> | undefined;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    parsed = undefined;
  }
  if (!parsed) throw new AppError("bad_request", "The page link is damaged or out of date. Go back to the first page of results.");
  if (parsed.s !== sort) {
    throw new AppError("bad_request", "The page link belongs to a different order of results. Go back to the first page of results.");
  }
  return { sort: parsed.s, direction: parsed.d === "a" ? "after" : "before", key: parsed.k, createdAt: new Date(parsed.c), id: parsed.i };
}
