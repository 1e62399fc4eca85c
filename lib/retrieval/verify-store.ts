import "server-only";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readIndexHeader } from "@/lib/retrieval/read-index-header";
import { storeVersionOf } from "@/lib/retrieval/store-version";
import { type ChunkRecord, chunkFileSchema, manifestSchema, STORE_FILES, type StoreManifest } from "@/lib/retrieval/store-format";

// Checks that a store is whole and consistent: every vector has its passage,
// the dimension and metric agree with the manifest, the files are the ones the
// manifest describes, and every passage's source is accounted for (and, given
// the documents folder, present there unchanged).

export type StoreCheck = {
  ok: boolean;
  problems: string[];
  /** What was found, for the report. */
  facts: { version?: string; chunks?: number; vectors?: number; dimension?: number; sources?: number; embedding?: string };
};

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");
const sourceOf = (chunk: ChunkRecord) => chunk.chunk_id.split("::")[0] ?? "";

async function readChunks(dir: string, problems: string[]): Promise<{ chunks: ChunkRecord[]; raw: Buffer } | undefined> {
  const path = join(dir, STORE_FILES.chunks);
  if (!existsSync(path)) return void problems.push(`${STORE_FILES.chunks} is missing`);
  const raw = await readFile(path);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    return void problems.push(`${STORE_FILES.chunks} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = chunkFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return void problems.push(`${STORE_FILES.chunks} entry ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const ids = new Set<string>();
  for (const chunk of parsed.data) {
    if (ids.has(chunk.chunk_id)) problems.push(`chunk id ${chunk.chunk_id} appears more than once`);
    ids.add(chunk.chunk_id);
  }
  return { chunks: parsed.data, raw };
}

async function readManifest(dir: string, problems: string[]): Promise<StoreManifest | undefined> {
  const path = join(dir, STORE_FILES.manifest);
  if (!existsSync(path)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    return void problems.push(`${STORE_FILES.manifest} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return void problems.push(`${STORE_FILES.manifest} field ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return parsed.data;
}

async function checkManifest(dir: string, manifest: StoreManifest, chunks: ChunkRecord[], problems: string[], docsDir?: string) {
  if (manifest.chunk_count !== chunks.length) {
    problems.push(`the manifest lists ${manifest.chunk_count} chunks but ${STORE_FILES.chunks} has ${chunks.length}`);
  }
  for (const [file, expected] of Object.entries(manifest.checksums)) {
    const path = join(dir, file);
    if (!existsSync(path)) problems.push(`${file} is listed in the manifest but missing`);
    else if (sha256(await readFile(path)) !== expected) problems.push(`${file} does not match its checksum in the manifest`);
  }
  const listed = new Map(manifest.sources.map((source) => [source.file, source]));
  const counts = new Map<string, number>();
  for (const chunk of chunks) counts.set(sourceOf(chunk), (counts.get(sourceOf(chunk)) ?? 0) + 1);
  for (const [file, count] of counts) {
    const source = listed.get(file);
    if (!source) problems.push(`passages come from ${file}, which the manifest does not list as a source`);
    else if (source.chunks !== count) problems.push(`the manifest says ${file} gave ${source.chunks} chunks, but ${count} are stored`);
  }
  if (!docsDir) return;
  for (const source of manifest.sources) {
    const path = join(docsDir, source.file);
    if (!existsSync(path)) problems.push(`source ${source.file} is not in ${docsDir}`);
    else if (sha256(await readFile(path)) !== source.sha256) problems.push(`source ${source.file} in ${docsDir} has changed since the build`);
  }
}

async function checkIndex(dir: string, manifest: StoreManifest | undefined, chunks: ChunkRecord[], problems: string[], facts: StoreCheck["facts"]) {
  const expected = manifest ? manifest.embedding !== null : true;
  const path = join(dir, STORE_FILES.index);
  if (!expected) {
    if (existsSync(path)) problems.push(`the manifest says the store has no vectors, but ${STORE_FILES.index} exists`);
    return;
  }
  if (!existsSync(path)) return void problems.push(`${STORE_FILES.index} is missing`);
  try {
    const header = await readIndexHeader(path);
    facts.vectors = header.count;
    facts.dimension = header.dimension;
    if (header.count !== chunks.length) problems.push(`${STORE_FILES.index} has ${header.count} vectors but there are ${chunks.length} chunks`);
    const embedding = manifest?.embedding;
    if (embedding && embedding.dimension !== header.dimension) {
      problems.push(`${STORE_FILES.index} has dimension ${header.dimension} but the manifest says ${embedding.dimension}`);
    }
    if (embedding && embedding.metric !== header.metric) {
      problems.push(`${STORE_FILES.index} uses ${header.metric} but the manifest says ${embedding.metric}`);
    }
  } catch (error) {
    problems.push((error as Error).message.replace(`${dir}/`, ""));
  }
}

/** Checks the store in `dir`; with `docsDir`, also that its source documents are there unchanged. */
export async function verifyStore(dir: string, options: { docsDir?: string } = {}): Promise<StoreCheck> {
  const problems: string[] = [];
  const facts: StoreCheck["facts"] = {};
  if (!existsSync(dir)) return { ok: false, problems: [`there is no store folder at ${dir}`], facts };
  const read = await readChunks(dir, problems);
  const manifest = await readManifest(dir, problems);
  if (read) {
    facts.chunks = read.chunks.length;
    facts.sources = new Set(read.chunks.map(sourceOf)).size;
    await checkIndex(dir, manifest, read.chunks, problems, facts);
    if (manifest) await checkManifest(dir, manifest, read.chunks, problems, options.docsDir);
    facts.version = storeVersionOf(manifest, read.raw);
  }
  facts.embedding = manifest ? (manifest.embedding ? `${manifest.embedding.provider}/${manifest.embedding.model}` : "none (keyword search only)") : "not recorded (no manifest)";
  return { ok: problems.length === 0, problems, facts };
}
