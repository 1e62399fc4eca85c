import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ConsoleNav } from "@/components/shell/console-nav";
import { HealthIndicator } from "@/components/shell/health-indicator";
import { navItems } from "@/components/shell/nav-items";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getCurrentCaller } from "@/lib/auth/current-caller";
import { can } from "@/lib/auth/permissions";

/** The console frame: sections the user may open, their account, and service health. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const caller = await getCurrentCaller();
  if (!caller) redirect("/sign-in");
  const items = navItems.filter((item) => can(caller.role, item.permission));

  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        Skip to content
      </a>
      <aside className="flex flex-col gap-6 border-b border-slate-200 bg-white p-4 md:w-60 md:border-b-0 md:border-r">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          CAM Console
        </Link>
        <ConsoleNav items={items.map(({ href, label }) => ({ href, label }))} />
        <div className="mt-auto space-y-4">
          <HealthIndicator />
          <div className="border-t border-slate-200 pt-4">
            <p className="text-sm font-medium text-slate-900">{caller.name}</p>
            <p className="mb-3 text-xs text-slate-600">
              {caller.email} · {caller.role}
            </p>
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-6 md:p-8">
        {children}
      </main>
    </div>
  );
}
