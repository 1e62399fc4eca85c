import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { listRevealEvents } from "@/lib/audit/list-reveal-events";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getDb } from "@/lib/db";
import { revealListQuerySchema } from "@/lib/schemas/reveal";

export const metadata: Metadata = { title: "Reveals" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RevealsPage({ searchParams }: Props) {
  const { caller, allowed } = await getPageAccess("/admin/reveals", "privacy.oversee");
  if (!allowed) return <AccessDenied permission="privacy.oversee" role={caller.role} />;
  const query = revealListQuerySchema.safeParse(await searchParams);
  const filters = query.success ? query.data : {};
  const { events, nextCursor } = await listRevealEvents(getDb(), { userId: filters.user, cursor: filters.cursor });
  const userParam = filters.user ? `user=${encodeURIComponent(filters.user)}&` : "";
  return (
    <>
      <PageHeader
        title="Reveals"
        description="Every time someone opened the original, unredacted text of an exchange: who, which exchange, when and the reason they gave. Reveals are part of the tamper-evident audit chain."
      />
      {filters.user && (
        <p className="mb-4 text-sm text-slate-700">
          Showing one person&apos;s reveals. <Link className="text-blue-800 underline" href="/admin/reveals">Show everyone&apos;s</Link>
        </p>
      )}
      {events.length === 0 ? (
        <EmptyState title="No reveals">Nobody has revealed original text yet.</EmptyState>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-sm">
          <caption className="sr-only">Reveals of original text, newest first</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-700">
              <th scope="col" className="px-3 py-2 font-medium">When</th>
              <th scope="col" className="px-3 py-2 font-medium">Who</th>
              <th scope="col" className="px-3 py-2 font-medium">Exchange</th>
              <th scope="col" className="px-3 py-2 font-medium">Reason</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} className="border-b border-slate-100 align-top">
                <td className="whitespace-nowrap px-3 py-2"><LocalTime iso={event.createdAt} /></td>
                <td className="px-3 py-2">
                  <Link className="text-blue-800 underline" href={`/admin/reveals?user=${encodeURIComponent(event.user.id)}`}>
                    {event.user.name}
                  </Link>
                  <span className="block text-xs text-slate-600">{event.user.email}</span>
                </td>
                <td className="px-3 py-2 font-mono text-xs">
                  {event.exchangeId ? <Link className="text-blue-800 underline" href={`/audit/${event.exchangeId}`}>{event.exchangeId}</Link> : "—"}
                </td>
                <td className="whitespace-pre-wrap px-3 py-2 text-slate-800">{event.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <p className="mt-4">
          <Link className="text-blue-800 underline" href={`/admin/reveals?${userParam}cursor=${encodeURIComponent(nextCursor)}`}>
            Older reveals
          </Link>
        </p>
      )}
    </>
  );
}
