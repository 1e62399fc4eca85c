"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/fields";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, LoadingState, Notice } from "@/components/ui/status";
import { TextField } from "@/components/ui/text-field";
import { apiFetch } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

type ApiKey = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
type User = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabledAt: string | null;
  lastSignInAt: string | null;
  /** "issuer|subject" of the linked single sign-on identity. */
  oidcSubject: string | null;
  apiKeys: ApiKey[];
};

const roles = ["clinician", "reviewer", "admin"] as const;

/** Accounts: roles, disabling, single sign-on links, API keys, and new accounts with a one-time password. */
export function UsersManager({ currentUserId }: { currentUserId: string }) {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: queryKeys.users, queryFn: () => apiFetch<User[]>("/api/admin/users") });
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string }>();
  const [created, setCreated] = useState<{ email: string; password: string }>();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.users });
  const onError = (error: Error) => setMessage({ tone: "error", text: error.message });

  const update = useMutation({
    mutationFn: (change: { id: string; role?: string; disabled?: boolean }) =>
      apiFetch<User>(`/api/admin/users/${change.id}`, { method: "PATCH", json: { role: change.role, disabled: change.disabled } }),
    onSuccess: (user) => {
      setMessage({ tone: "success", text: `Saved ${user.email}.` });
      refresh();
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => apiFetch(`/api/admin/api-keys/${key.id}`, { method: "DELETE" }),
    onSuccess: () => {
      setMessage({ tone: "success", text: "The API key was revoked." });
      refresh();
    },
    onError,
  });
  const unlink = useMutation({
    mutationFn: (user: User) => apiFetch<{ email: string }>(`/api/admin/users/${user.id}/sso`, { method: "DELETE" }),
    onSuccess: (user) => {
      setMessage({
        tone: "success",
        text: `Unlinked ${user.email} from single sign-on and signed it out everywhere. Its next single sign-on with a verified email address links it again.`,
      });
      refresh();
    },
    onError,
  });
  const create = useMutation({
    mutationFn: (body: { email: string; name: string; role: string }) =>
      apiFetch<{ user: User; password: string }>("/api/admin/users", { json: body }),
    onSuccess: (result) => {
      setCreated({ email: result.user.email, password: result.password });
      setMessage(undefined);
      refresh();
    },
    onError,
  });

  function submitNew(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ email: String(form.get("email")), name: String(form.get("name")), role: String(form.get("role")) });
  }

  if (users.isPending) return <LoadingState label="Loading accounts…" />;
  if (users.isError) return <ErrorState message={users.error.message} onRetry={() => void users.refetch()} />;

  return (
    <div className="space-y-6">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {created && (
        <Notice tone="success" title={`Created ${created.email}`}>
          Their password, shown only this once: <code className="rounded bg-white px-1 font-mono">{created.password}</code>
        </Notice>
      )}
      <table className="w-full border-collapse rounded-lg bg-white text-sm">
        <caption className="sr-only">Accounts</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-700">
            <th scope="col" className="p-3 font-medium">Account</th>
            <th scope="col" className="p-3 font-medium">Role</th>
            <th scope="col" className="p-3 font-medium">State</th>
            <th scope="col" className="p-3 font-medium">API keys</th>
          </tr>
        </thead>
        <tbody>
          {users.data.map((user) => (
            <tr key={user.id} className="border-b border-slate-100 align-top">
              <td className="p-3">
                <p className="font-medium text-slate-900">{user.name}</p>
                <p className="text-xs text-slate-600">{user.email}</p>
                <p className="text-xs text-slate-600">Last sign-in: {user.lastSignInAt ? <LocalTime iso={user.lastSignInAt} /> : "never"}</p>
                <p className="break-all text-xs text-slate-600">
                  Single sign-on: {user.oidcSubject ? <>linked to <code className="font-mono">{user.oidcSubject}</code></> : "not linked"}
                </p>
                {user.oidcSubject && (
                  <Button variant="ghost" onClick={() => unlink.mutate(user)} disabled={unlink.isPending} aria-label={`Unlink single sign-on of ${user.email}`}>
                    Unlink single sign-on
                  </Button>
                )}
              </td>
              <td className="p-3">
                <SelectField
                  id={`role-${user.id}`}
                  label={`Role of ${user.email}`}
                  value={user.role}
                  disabled={update.isPending}
                  onChange={(event) => update.mutate({ id: user.id, role: event.target.value })}
                >
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </SelectField>
              </td>
              <td className="space-y-2 p-3">
                <Badge tone={user.disabledAt ? "neutral" : "good"}>{user.disabledAt ? "disabled" : "active"}</Badge>
                {user.id !== currentUserId && (
                  <Button variant="secondary" onClick={() => update.mutate({ id: user.id, disabled: !user.disabledAt })} disabled={update.isPending}>
                    {user.disabledAt ? `Re-enable ${user.email}` : `Disable ${user.email}`}
                  </Button>
                )}
              </td>
              <td className="p-3">
                {user.apiKeys.length === 0 && <p className="text-xs text-slate-600">None</p>}
                <ul className="space-y-2">
                  {user.apiKeys.map((key) => (
                    <li key={key.id} className="flex flex-wrap items-center gap-2 text-xs">
                      <code className="font-mono">{key.prefix}…</code> {key.name}
                      {key.revokedAt ? (
                        <Badge>revoked</Badge>
                      ) : (
                        <Button variant="ghost" onClick={() => revoke.mutate(key)} disabled={revoke.isPending} aria-label={`Revoke API key ${key.name} of ${user.email}`}>
                          Revoke
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={submitNew} aria-labelledby="new-user-title" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-4">
        <h2 id="new-user-title" className="text-base font-semibold text-slate-900 sm:col-span-4">
          New account
        </h2>
        <TextField id="new-user-email" name="email" type="email" label="Email" required />
        <TextField id="new-user-name" name="name" label="Name" required />
        <SelectField id="new-user-role" name="role" label="Role" defaultValue="clinician">
          {roles.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </SelectField>
        <div className="flex items-end">
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create account"}
          </Button>
        </div>
      </form>
    </div>
  );
}
