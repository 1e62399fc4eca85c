import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// The reference corpus lives beside the project, in ../shared/corpus; tests read
// it from there and never copy it into the repository.
export const sharedCorpus = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));

/** Absolute path of a file in the shared corpus; throws a clear error when the corpus is missing. */
export function corpusPath(relativePath: string): string {
  const path = `${sharedCorpus}${relativePath}`;
  if (!existsSync(path)) throw new Error(`Test data missing: ${path}. The tests expect the shared corpus at ${sharedCorpus}.`);
  return path;
}
