import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// The reference corpus lives beside the project, in ../shared/corpus (or where
// CAM_SHARED_CORPUS points); tests read it from there and never copy it.
const configured = process.env.CAM_SHARED_CORPUS;
export const sharedCorpus = configured
  ? `${configured.replace(/\/$/, "")}/`
  : fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));

/** Absolute path of a file in the shared corpus; throws a clear error when the corpus is missing. */
export function corpusPath(relativePath: string): string {
  const path = `${sharedCorpus}${relativePath}`;
  if (!existsSync(path)) {
    throw new Error(`Test data missing: ${path}. Put the shared corpus beside the project, or set CAM_SHARED_CORPUS.`);
  }
  return path;
}
