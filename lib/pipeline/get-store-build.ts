import "server-only";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** One store build's progress or result (without its source list). */
export async function getStoreBuild(db: Db, id: string) {
  const build = await db.storeBuild.findUnique({ where: { id }, omit: { sources: true } });
  if (!build) throw new AppError("not_found", "There is no such store build.");
  return build;
}
