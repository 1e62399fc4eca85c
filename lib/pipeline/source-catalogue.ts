import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";

// The catalogue of official documents (health_docs/sources.tsv): file name,
// readable title, region, category and official download address. Titles and
// categories label passages; addresses feed `cam ingest --download`.

export const DEFAULT_CATALOGUE = "health_docs/sources.tsv";

const entrySchema = z.object({
  file: z.string().regex(/^[\w.-]+\.pdf$/i, { error: "must be a PDF file name without folders" }),
  title: z.string().min(1),
  region: z.enum(["AU", "international"]),
  category: z.string().regex(/^[a-z-]+$/),
  url: z.url({ protocol: /^https?$/ }),
});

export type CatalogueEntry = z.infer<typeof entrySchema>;

/** Reads a tab-separated catalogue with a header row. Throws AppError naming the bad line. */
export function readSourceCatalogue(path: string): CatalogueEntry[] {
  if (!existsSync(path)) throw new AppError("not_found", `The source catalogue ${path} does not exist.`);
  const [header, ...lines] = readFileSync(path, "utf8").split(/\r?\n/);
  const columns = (header ?? "").split("\t");
  return lines.flatMap((line, index) => {
    if (!line.trim() || line.startsWith("#")) return [];
    const values = line.split("\t");
    const parsed = entrySchema.safeParse(Object.fromEntries(columns.map((column, i) => [column, values[i]])));
    if (!parsed.success) {
      const problem = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
      throw new AppError("validation_failed", `${path} line ${index + 2} is invalid: ${problem}.`);
    }
    return [parsed.data];
  });
}

/**
 * The catalogue that describes a documents folder: its own sources.tsv when it
 * has one, else the project's catalogue, else none (titles come from the PDFs).
 */
export function catalogueForFolder(folder: string): CatalogueEntry[] {
  const own = join(folder, "sources.tsv");
  if (existsSync(own)) return readSourceCatalogue(own);
  return existsSync(DEFAULT_CATALOGUE) ? readSourceCatalogue(DEFAULT_CATALOGUE) : [];
}

/** A readable title from a file name, for documents the catalogue does not list. */
export function titleFromFileName(file: string): string {
  const words = file.replace(/\.pdf$/i, "").replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
