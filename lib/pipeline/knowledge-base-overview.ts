import "server-only";
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { manifestSchema, STORE_FILES } from "@/lib/retrieval/store-format";

/** How many past builds the knowledge-base page lists. */
const HISTORY = 20;

/** When each (file, checksum) first appeared in a completed build: "when added" to the store. */
function firstSeen(builds: { finishedAt: Date | null; sources: unknown }[]): Map<string, Date> {
  const seen = new Map<string, Date>();
  for (const build of [...builds].reverse()) {
    for (const source of (build.sources as { file: string; sha256: string }[] | null) ?? []) {
      const key = `${source.file}:${source.sha256}`;
      if (!seen.has(key) && build.finishedAt) seen.set(key, build.finishedAt);
    }
  }
  return seen;
}

/** The store in use (documents, version, embedding), the documents folder, and the build history. */
export async function getKnowledgeBase(db: Db, config: Env) {
  const builds = await db.storeBuild.findMany({ orderBy: { startedAt: "desc" }, take: 200 });
  const manifestPath = join(config.RAG_STORE_DIR, STORE_FILES.manifest);
  const manifest = existsSync(manifestPath) ? manifestSchema.safeParse(JSON.parse(await readFile(manifestPath, "utf8"))) : null;
  const added = firstSeen(builds.filter((build) => build.status === "completed"));
  const store = manifest?.success
    ? {
        status: "ready" as const,
        version: manifest.data.store_version,
        builtAt: manifest.data.built_at,
        embedding: manifest.data.embedding?.model ?? null,
        chunks: manifest.data.chunk_count,
        documents: manifest.data.sources.map((source) => ({ ...source, addedAt: added.get(`${source.file}:${source.sha256}`)?.toISOString() ?? null })),
        skipped: manifest.data.skipped,
      }
    : { status: existsSync(join(config.RAG_STORE_DIR, STORE_FILES.chunks)) ? ("unversioned" as const) : ("missing" as const) };

  const folder = config.HEALTH_DOCS_DIR;
  const inStore = new Set(manifest?.success ? manifest.data.sources.map((source) => source.file) : []);
  const names = existsSync(folder) ? (await readdir(folder)).filter((name) => /\.pdf$/i.test(name)).sort() : [];
  const files = await Promise.all(names.map(async (name) => ({ name, bytes: (await stat(join(folder, name))).size, inStore: inStore.has(name) })));

  return {
    store,
    folder: { path: relative(process.cwd(), folder) || ".", files },
    builds: builds.slice(0, HISTORY).map((build) => ({ ...build, sources: undefined })),
  };
}
