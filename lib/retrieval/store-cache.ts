import "server-only";
import { statSync } from "node:fs";
import { join } from "node:path";
import { logger } from "@/lib/logger";
import type { CatalogueEntry } from "@/lib/pipeline/source-catalogue";
import { type LoadedStore, loadStore } from "@/lib/retrieval/load-store";
import { STORE_FILES } from "@/lib/retrieval/store-format";
import type { VectorBackend } from "@/lib/retrieval/vector-index";

// Keeps the loaded store in memory and notices when `cam ingest` swaps in a
// new one (the folder is replaced, so its inode and files change), reloading
// it without a restart. Until the new store has loaded, the old one answers;
// a new store that fails to load is logged and the old one kept.

/** How often a request may look at the store's files for changes. */
const RECHECK_MS = 2_000;

type Entry = { store: LoadedStore; signature: string; checkedAt: number; reloading?: Promise<LoadedStore> };
const entries = new Map<string, Entry>();
const loading = new Map<string, Promise<LoadedStore>>();

/** Identifies the store's current files; changes whenever the folder or its chunks are replaced. */
function signature(dir: string): string {
  try {
    const folder = statSync(dir);
    const chunks = statSync(join(dir, STORE_FILES.chunks));
    return `${folder.ino}:${chunks.ino}:${chunks.mtimeMs}:${chunks.size}`;
  } catch {
    return "missing";
  }
}

/** The store in `dir`, loaded once and reloaded when its files change. */
export async function getStore(
  dir: string,
  options: { catalogue?: CatalogueEntry[]; vectorBackend?: "auto" | VectorBackend } = {},
): Promise<LoadedStore> {
  const entry = entries.get(dir);
  const now = Date.now();
  if (entry && now - entry.checkedAt < RECHECK_MS) return entry.store;
  const current = signature(dir);
  if (entry && current === entry.signature) {
    entry.checkedAt = now;
    return entry.store;
  }
  if (entry) {
    entry.checkedAt = now;
    entry.reloading ??= loadStore(dir, options)
      .then((store) => {
        entries.set(dir, { store, signature: current, checkedAt: Date.now() });
        logger().info({ dir, from: entry.store.version, to: store.version }, "retrieval store reloaded");
        return store;
      })
      .catch((error: Error) => {
        logger().error({ dir, err: error }, "a changed retrieval store failed to load; still serving the previous one");
        entry.reloading = undefined;
        return entry.store;
      });
    return entry.store;
  }
  let pending = loading.get(dir);
  if (!pending) {
    pending = loadStore(dir, options).finally(() => loading.delete(dir));
    loading.set(dir, pending);
  }
  const store = await pending;
  entries.set(dir, { store, signature: current, checkedAt: Date.now() });
  return store;
}
