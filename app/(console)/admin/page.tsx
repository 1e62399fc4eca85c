import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SettingsSummary } from "@/components/admin/settings-summary";
import { UserTable } from "@/components/admin/user-table";
import { RulePackTable } from "@/components/rules/rule-pack-table";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { getPageAccess } from "@/lib/auth/current-caller";
import { getActiveRuleSet, getActiveSettings } from "@/lib/config/get-active-config";
import { getDb } from "@/lib/db";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Admin" };

function Panel({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mb-4 text-sm text-slate-600">{subtitle}</p>
      {children}
    </section>
  );
}

export default async function AdminPage() {
  const { caller, allowed } = await getPageAccess("/admin", "config.write");
  if (!allowed) return <AccessDenied permission="config.write" role={caller.role} />;
  const db = getDb();
  const [ruleSet, settings, users] = await Promise.all([getActiveRuleSet(db), getActiveSettings(db), listUsers(db)]);

  return (
    <>
      <PageHeader title="Admin" description="The rules and thresholds in force, and who can use the console." />
      <div className="grid gap-6 xl:grid-cols-2">
        <Panel title="Rule pack" subtitle={`Version ${ruleSet.version} · ${ruleSet.rules.length} rules · ${ruleSet.note}`}>
          <RulePackTable rules={ruleSet.rules} />
        </Panel>
        <div className="space-y-6">
          <Panel title="Settings" subtitle={`Version ${settings.version} · ${settings.note}`}>
            <SettingsSummary settings={settings.values} />
          </Panel>
          <Panel title="Users" subtitle={`${users.length} accounts`}>
            <UserTable users={users} />
          </Panel>
        </div>
      </div>
    </>
  );
}
