import { createHash } from "node:crypto";
import type { StoreManifest } from "@/lib/retrieval/store-format";

/** A store's version: from its manifest, or derived from its chunks.json for stores built without one. */
export function storeVersionOf(manifest: StoreManifest | null | undefined, chunksFile: string | Uint8Array): string {
  return manifest?.store_version ?? `unversioned-${createHash("sha256").update(chunksFile).digest("hex").slice(0, 12)}`;
}
