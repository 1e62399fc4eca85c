import "server-only";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { recordAdminChange } from "@/lib/audit/record-admin-change";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Largest PDF the console accepts: regulations run to a few MB; the largest in the reference corpus is under 3 MB. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** A safe file name for the documents folder: letters, digits, dots, dashes and underscores, ending in .pdf. */
export function safeDocumentName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[^\w.-]+/g, "_").replace(/^[._]+/, "");
  if (!/\.pdf$/i.test(cleaned) || cleaned.length < 5) {
    throw new AppError("validation_failed", `"${base}" is not a PDF file name. Upload files ending in .pdf.`);
  }
  return cleaned.slice(-120);
}

/** Saves an uploaded PDF into the documents folder (replacing one of the same name) and logs who added it. */
export async function saveUploadedDocument(db: Db, options: { folder: string; name: string; bytes: Uint8Array; actorId: string }) {
  const name = safeDocumentName(options.name);
  if (options.bytes.length === 0) throw new AppError("validation_failed", `${name} is empty. Choose the PDF again.`);
  if (options.bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError("payload_too_large", `${name} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Upload a smaller file.`);
  }
  if (!Buffer.from(options.bytes.subarray(0, 1024)).toString("latin1").includes("%PDF-")) {
    throw new AppError("unsupported_media_type", `${name} is not a PDF (it has no PDF header). Export or download the document as PDF.`);
  }
  await mkdir(options.folder, { recursive: true });
  const path = join(options.folder, name);
  await writeFile(`${path}.part`, options.bytes);
  await rename(`${path}.part`, path);
  await db.$transaction((tx) =>
    recordAdminChange(tx, {
      actorId: options.actorId,
      action: "document.upload",
      entityType: "document",
      entityId: name,
      summary: `Uploaded ${name} (${options.bytes.length} bytes) to the documents folder`,
    }),
  );
  return { name, bytes: options.bytes.length };
}
