import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";

type UserRow = { id: string; email: string; name: string; role: string; disabledAt: Date | null; lastSignInAt: Date | null };

/** Console accounts with their roles and last sign-in. */
export function UserTable({ users }: { users: UserRow[] }) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">Console accounts</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-slate-700">
          <th className="p-2 font-medium">Name</th>
          <th className="p-2 font-medium">Role</th>
          <th className="p-2 font-medium">State</th>
          <th className="p-2 font-medium">Last sign-in</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id} className="border-b border-slate-100">
            <td className="p-2">
              <p className="text-slate-900">{user.name}</p>
              <p className="text-xs text-slate-600">{user.email}</p>
            </td>
            <td className="p-2">{user.role}</td>
            <td className="p-2">
              <Badge tone={user.disabledAt ? "neutral" : "good"}>{user.disabledAt ? "disabled" : "active"}</Badge>
            </td>
            <td className="p-2 text-slate-700">{user.lastSignInAt ? <LocalTime iso={user.lastSignInAt.toISOString()} /> : "never"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
