import "server-only";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { readIndexHeader } from "@/lib/retrieval/read-index-header";
import { manifestSchema, STORE_FILES } from "@/lib/retrieval/store-format";

export type StoreHealth = {
  status: "ready" | "missing" | "invalid";
  /** The store folder relative to the working directory (never an absolute path). */
  path: string;
  version?: string;
  chunks?: number;
  vectors?: number;
  dimension?: number;
  metric?: string;
  /** Embedding model of the vectors, "none" for a keyword-only store, absent when the store does not say. */
  embedding?: string;
  problem?: string;
};

/** Reads the manifest when there is one; it is small, unlike chunks.json. */
async function readManifest(dir: string) {
  const path = join(dir, STORE_FILES.manifest);
  if (!existsSync(path)) return null;
  const parsed = manifestSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) throw new Error(`${STORE_FILES.manifest} is not a valid manifest`);
  return parsed.data;
}

/** Checks that the retrieval store exists and its files are readable, without loading it. */
export async function checkStore(dir: string): Promise<StoreHealth> {
  const path = relative(process.cwd(), dir) || ".";
  const rebuild = "Rebuild it with `cam ingest`.";
  if (!existsSync(join(dir, STORE_FILES.chunks))) {
    return {
      status: "missing",
      path,
      problem: `No retrieval store in ${path}/. Retrieval scenarios cannot answer until one is built with \`cam ingest\`.`,
    };
  }
  try {
    const manifest = await readManifest(dir);
    const base = {
      status: "ready" as const,
      path,
      version: manifest?.store_version,
      chunks: manifest?.chunk_count,
      embedding: manifest ? (manifest.embedding?.model ?? "none") : undefined,
    };
    if (manifest && !manifest.embedding) return base;
    const header = await readIndexHeader(join(dir, STORE_FILES.index));
    return { ...base, vectors: header.count, dimension: header.dimension, metric: header.metric };
  } catch (error) {
    const message = (error as Error).message.replaceAll(`${dir}/`, "").replaceAll(dir, path);
    return { status: "invalid", path, problem: `The retrieval store in ${path}/ is damaged: ${message}. ${rebuild}` };
  }
}
