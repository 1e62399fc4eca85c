"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useCallback, useState } from "react";
import { BuildProgress, type StoreBuild } from "@/components/admin/build-progress";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, LoadingState, Notice } from "@/components/ui/status";
import { ApiError, apiFetch } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type Document = { file: string; title: string; pages: number; chunks: number; sha256: string; bytes: number; addedAt: string | null };
type Overview = {
  store:
    | { status: "ready"; version: string; builtAt: string; embedding: string | null; chunks: number; documents: Document[]; skipped: { file: string; reason: string }[] }
    | { status: "missing" | "unversioned" };
  folder: { path: string; files: { name: string; bytes: number; inStore: boolean }[] };
  builds: StoreBuild[];
};

const size = (bytes: number) => (bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

async function upload(files: FileList): Promise<{ saved: { name: string }[] }> {
  const body = new FormData();
  for (const file of Array.from(files)) body.append("files", file);
  const response = await fetch("/api/knowledge-base/documents", { method: "POST", body, credentials: "same-origin" });
  const json = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, json?.error);
  return json;
}

/** The documents in the store, uploads, rebuilds with progress, and the store's history. */
export function KnowledgeBaseManager() {
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: queryKeys.store, queryFn: () => apiFetch<Overview>("/api/knowledge-base") });
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string }>();
  const [followed, setFollowed] = useState<string>();
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: queryKeys.store }), [queryClient]);

  const uploader = useMutation({
    mutationFn: upload,
    onSuccess: (result) => {
      setMessage({ tone: "success", text: `Uploaded ${result.saved.map((file) => file.name).join(", ")}. Rebuild the store to include them.` });
      refresh();
    },
    onError: (error: Error) => setMessage({ tone: "error", text: error.message }),
  });
  const rebuild = useMutation({
    mutationFn: () => apiFetch<{ buildId: string }>("/api/knowledge-base/builds", { method: "POST" }),
    onSuccess: (result) => {
      setMessage(undefined);
      setFollowed(result.buildId);
      refresh();
    },
    onError: (error: Error) => setMessage({ tone: "error", text: error.message }),
  });

  function submitUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("files") as HTMLInputElement;
    if (input.files?.length) uploader.mutate(input.files);
  }

  if (overview.isPending) return <LoadingState label="Loading the knowledge base…" />;
  if (overview.isError) return <ErrorState message={overview.error.message} onRetry={() => void overview.refetch()} />;
  const { store, folder, builds } = overview.data;
  const building = builds.find((build) => build.status === "building")?.id;
  const shown = followed ?? building;

  return (
    <div className="space-y-6">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <section aria-labelledby="store-title" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="store-title" className="text-base font-semibold text-slate-900">
          The store in use
        </h2>
        {store.status === "ready" ? (
          <>
            <p className="mb-4 text-sm text-slate-600">
              Version <code className="font-mono">{store.version}</code>, built <LocalTime iso={store.builtAt} />; {store.chunks} passages;{" "}
              {store.embedding ? `vectors from ${store.embedding}` : "keyword search only (no embedding model was available)"}.
            </p>
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">Documents in the store</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-700">
                  <th scope="col" className="p-2 font-medium">Document</th>
                  <th scope="col" className="p-2 text-right font-medium">Pages</th>
                  <th scope="col" className="p-2 text-right font-medium">Passages</th>
                  <th scope="col" className="p-2 font-medium">Checksum (SHA-256)</th>
                  <th scope="col" className="p-2 font-medium">Added</th>
                </tr>
              </thead>
              <tbody>
                {store.documents.map((document) => (
                  <tr key={document.file} className="border-b border-slate-100 align-top">
                    <td className="p-2">
                      <p className="text-slate-900">{document.title}</p>
                      <p className="text-xs text-slate-600">
                        {document.file}, {size(document.bytes)}
                      </p>
                    </td>
                    <td className="p-2 text-right">{document.pages}</td>
                    <td className="p-2 text-right">{document.chunks}</td>
                    <td className="p-2 font-mono text-xs" title={document.sha256}>
                      {document.sha256.slice(0, 12)}…
                    </td>
                    <td className="p-2 text-slate-700">{document.addedAt ? <LocalTime iso={document.addedAt} /> : "before the build history"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {store.skipped.length > 0 && (
              <Notice tone="warn" title="Skipped in the last build">
                <ul className="list-disc pl-5">
                  {store.skipped.map((skip) => (
                    <li key={skip.file}>
                      {skip.file}: {skip.reason}
                    </li>
                  ))}
                </ul>
              </Notice>
            )}
          </>
        ) : (
          <EmptyState title={store.status === "missing" ? "There is no retrieval store yet" : "The store has no manifest"}>
            <p>
              {store.status === "missing"
                ? "Retrieval scenarios cannot answer until a store is built. Upload PDFs below (or put them in the documents folder) and rebuild."
                : "It was built elsewhere (for example the seed store). Rebuild it here to record its documents and version."}
            </p>
          </EmptyState>
        )}
      </section>

      <section aria-labelledby="rebuild-title" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="rebuild-title" className="text-base font-semibold text-slate-900">
          Documents folder and rebuild
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          {folder.files.length} PDF(s) in <code className="font-mono">{folder.path}</code>
          {folder.files.some((file) => !file.inStore) && `; not yet in the store: ${folder.files.filter((file) => !file.inStore).map((file) => file.name).join(", ")}`}.
        </p>
        <form onSubmit={submitUpload} className="mb-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="kb-files" className="block text-sm font-medium text-slate-800">
              Add PDFs
            </label>
            <input id="kb-files" name="files" type="file" accept="application/pdf,.pdf" multiple className="mt-1 block text-sm" />
          </div>
          <Button type="submit" variant="secondary" disabled={uploader.isPending}>
            {uploader.isPending ? "Uploading…" : "Upload"}
          </Button>
        </form>
        <Button onClick={() => rebuild.mutate()} disabled={rebuild.isPending || Boolean(building)}>
          Rebuild the store
        </Button>
        {shown && <BuildProgress buildId={shown} onFinished={refresh} />}
      </section>

      <section aria-labelledby="history-title" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="history-title" className="mb-3 text-base font-semibold text-slate-900">
          Store versions
        </h2>
        {builds.length === 0 ? (
          <p className="text-sm text-slate-600">No builds recorded yet.</p>
        ) : (
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Store builds, newest first</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-700">
                <th scope="col" className="p-2 font-medium">Started</th>
                <th scope="col" className="p-2 font-medium">Result</th>
                <th scope="col" className="p-2 font-medium">Version</th>
                <th scope="col" className="p-2 font-medium">Contents</th>
                <th scope="col" className="p-2 font-medium">From</th>
              </tr>
            </thead>
            <tbody>
              {builds.map((build) => (
                <tr key={build.id} className="border-b border-slate-100 align-top">
                  <td className="p-2"><LocalTime iso={build.startedAt} /></td>
                  <td className="p-2">
                    <Badge tone={build.status === "completed" ? "good" : build.status === "failed" ? "bad" : "info"}>{build.status}</Badge>
                    {build.error && <p className="mt-1 text-xs text-red-800">{build.error}</p>}
                  </td>
                  <td className="p-2 font-mono text-xs">{build.storeVersion ?? "—"}</td>
                  <td className="p-2 text-slate-700">{build.documents === null ? "—" : `${build.documents} documents, ${build.chunks} passages${build.embedding ? `, ${build.embedding}` : ", keyword only"}`}</td>
                  <td className="p-2 text-slate-700">{build.trigger === "cli" ? "cam ingest" : "console"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
