import { z } from "zod";

// The files of a retrieval store, as JSON schemas. chunks.json keeps the field
// names of stores built by the earlier Python implementation (snake_case), so
// those stores load unchanged; manifest.json follows the same convention.

export const STORE_FILES = { chunks: "chunks.json", index: "index.faiss", manifest: "manifest.json", digest: "regulatory_digest.md" } as const;

export const chunkRecordSchema = z.object({
  chunk_id: z.string().min(1),
  path: z.string(),
  text: z.string(),
  metadata: z.looseObject({
    source_title: z.string(),
    label: z.string(),
    word_start: z.int().nonnegative(),
    word_end: z.int().nonnegative(),
    page_start: z.int().positive().optional(),
    page_end: z.int().positive().optional(),
    /** "AU" or "international", from the source catalogue. */
    region: z.string().optional(),
    /** e.g. "legislation", "code-of-conduct", "research-ethics", from the source catalogue. */
    category: z.string().optional(),
  }),
});

export const chunkFileSchema = z.array(chunkRecordSchema);

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(1),
  /** Identifies this build; exchanges record it. */
  store_version: z.string().min(1),
  built_at: z.iso.datetime(),
  /** How the vectors were made; null for a lexical-only store (no index.faiss). */
  embedding: z
    .object({
      provider: z.literal("ollama"),
      model: z.string().min(1),
      dimension: z.int().positive(),
      normalised: z.boolean(),
      metric: z.enum(["inner_product", "l2"]),
    })
    .nullable(),
  chunk_count: z.int().nonnegative(),
  chunking: z.object({ chunk_words: z.int().positive(), overlap_words: z.int().nonnegative() }),
  sources: z.array(
    z.object({
      file: z.string(),
      path: z.string(),
      title: z.string(),
      sha256,
      bytes: z.int().nonnegative(),
      pages: z.int().nonnegative(),
      chunks: z.int().nonnegative(),
      region: z.string().optional(),
      category: z.string().optional(),
    }),
  ),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  /** SHA-256 of the store's own files, checked by verify-store. */
  checksums: z.record(z.string(), sha256),
});

export type ChunkRecord = z.infer<typeof chunkRecordSchema>;
export type StoreManifest = z.infer<typeof manifestSchema>;
export type ManifestSource = StoreManifest["sources"][number];
