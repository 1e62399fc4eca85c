import { redirect } from "next/navigation";
import { navItems } from "@/components/shell/nav-items";
import { getCurrentCaller } from "@/lib/auth/current-caller";
import { can } from "@/lib/auth/permissions";

/** The console's home: the first section the user may open. */
export default async function ConsoleHome() {
  const caller = await getCurrentCaller();
  if (!caller) redirect("/sign-in");
  const first = navItems.find((item) => can(caller.role, item.permission));
  redirect(first?.href ?? "/playground");
}
