"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The admin area's sections. */
export const adminSections = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/rules", label: "Rules" },
  { href: "/admin/settings", label: "Thresholds" },
  { href: "/admin/knowledge-base", label: "Knowledge base" },
  { href: "/admin/scenarios", label: "Scenarios" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/reveals", label: "Reveals" },
];

/** Tabs between the admin sections; the current one is marked for assistive technology. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {adminSections.map((section) => {
          const current = section.href === "/admin" ? pathname === "/admin" : pathname.startsWith(section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${
                  current ? "border-blue-700 text-blue-800" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
