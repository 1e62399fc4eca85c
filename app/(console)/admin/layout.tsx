import type { ReactNode } from "react";
import { AdminNav } from "@/components/shell/admin-nav";

/** Every admin page shows the admin sections above its content. Each page checks access itself. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
