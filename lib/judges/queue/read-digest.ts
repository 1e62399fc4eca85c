import "server-only";
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { STORE_FILES } from "@/lib/retrieval/store-format";

// The regulatory digest judges see, read from the store folder and kept in
// memory until the file changes (a rebuilt store writes a new one).

let cached: { path: string; mtimeMs: number; text: string } | undefined;

/** The digest text of the store in `storeDir`, or "" when the store has none. */
export async function readDigest(storeDir: string): Promise<string> {
  const path = join(storeDir, STORE_FILES.digest);
  if (!existsSync(path)) return "";
  const { mtimeMs } = statSync(path);
  if (cached?.path === path && cached.mtimeMs === mtimeMs) return cached.text;
  const text = await readFile(path, "utf8");
  cached = { path, mtimeMs, text };
  return text;
}
