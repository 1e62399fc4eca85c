import "server-only";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { readIndexHeader } from "@/lib/retrieval/read-index-header";

export type StoreHealth = {
  status: "ready" | "missing" | "invalid";
  /** The store folder relative to the working directory (never an absolute path). */
  path: string;
  vectors?: number;
  dimension?: number;
  metric?: string;
  problem?: string;
};

/** Checks that the retrieval store exists and its index is readable. */
export async function checkStore(dir: string): Promise<StoreHealth> {
  const path = relative(process.cwd(), dir) || ".";
  const index = join(dir, "index.faiss");
  const chunks = join(dir, "chunks.json");
  if (!existsSync(index) || !existsSync(chunks)) {
    return {
      status: "missing",
      path,
      problem: `No retrieval store in ${path}/ (index.faiss and chunks.json). Retrieval scenarios cannot answer until a store is built there.`,
    };
  }
  try {
    const header = await readIndexHeader(index);
    return { status: "ready", path, vectors: header.count, dimension: header.dimension, metric: header.metric };
  } catch (error) {
    return { status: "invalid", path, problem: (error as Error).message.replace(dir, path) };
  }
}
