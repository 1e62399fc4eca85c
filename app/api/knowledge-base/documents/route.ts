import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { MAX_UPLOAD_BYTES, saveUploadedDocument } from "@/lib/pipeline/save-uploaded-document";

export const dynamic = "force-dynamic";

/** Uploads PDFs (multipart field "files") into the documents folder; a rebuild then ingests them. */
export const POST = route({
  access: "config.write",
  handler: async ({ request, caller }) => {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES * 2) {
      throw new AppError("payload_too_large", `Upload at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB of documents at a time.`);
    }
    const form = await request.formData().catch(() => {
      throw new AppError("bad_request", "Send the documents as multipart/form-data in a field named files.");
    });
    const files = form.getAll("files").filter((entry): entry is File => typeof entry === "object" && "arrayBuffer" in entry);
    if (files.length === 0) throw new AppError("validation_failed", "Choose at least one PDF to upload.");
    const saved = [];
    for (const file of files) {
      saved.push(await saveUploadedDocument(getDb(), { folder: env().HEALTH_DOCS_DIR, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), actorId: caller.userId }));
    }
    return { saved };
  },
});
