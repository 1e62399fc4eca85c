import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { getCurrentCaller } from "@/lib/auth/current-caller";
import { permissionForPage } from "@/lib/auth/page-permissions";

export const metadata: Metadata = { title: "Not allowed" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * What proxy.ts shows, with status 403, in place of a console page the
 * signed-in person's role may not open; `from` is the page they asked for.
 */
export default async function ForbiddenPage({ searchParams }: Props) {
  const { from } = await searchParams;
  const permission = typeof from === "string" ? permissionForPage(from) : null;
  const caller = await getCurrentCaller();
  return <AccessDenied permission={permission && permission !== "signed-in" ? permission : null} role={caller?.role ?? "none"} />;
}
