import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SingleSignOnLink } from "@/components/auth/single-sign-on-link";
import { Notice } from "@/components/ui/status";
import { getCurrentCaller } from "@/lib/auth/current-caller";
import { oidcSettings } from "@/lib/auth/oidc/oidc-settings";
import { readSignInError, SIGN_IN_ERROR_PARAM } from "@/lib/auth/oidc/sign-in-error";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = { next?: string | string[] } & Partial<Record<typeof SIGN_IN_ERROR_PARAM, string | string[]>>;

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await getCurrentCaller()) redirect(next);
  const singleSignOn = oidcSettings(env());
  // Set by the single sign-on routes when a sign-on fails; sealed, so it cannot carry someone else's text.
  const singleSignOnError = readSignInError(params[SIGN_IN_ERROR_PARAM]);

  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">Sign in to CAM Console</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Corpus-Aware Monitor for healthcare language models.</p>
        {singleSignOnError && (
          <div className="mb-4">
            <Notice tone="error" title="Single sign-on did not complete">
              {singleSignOnError}
            </Notice>
          </div>
        )}
        {singleSignOn && (
          <>
            <SingleSignOnLink displayName={singleSignOn.displayName} next={next} />
            <p className="my-4 flex items-center gap-3 text-xs text-slate-600 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
              or with your email and password
            </p>
          </>
        )}
        <SignInForm next={next} />
      </div>
    </main>
  );
}
