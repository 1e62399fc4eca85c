/**
 * "Sign in with <provider>": a plain link, not a Next.js <Link>, because it
 * leads to a route that redirects to the provider (a prefetch would start a
 * sign-on attempt).
 */
export function SingleSignOnLink({ displayName, next }: { displayName: string; next: string }) {
  const href = next === "/" ? "/api/auth/oidc/start" : `/api/auth/oidc/start?next=${encodeURIComponent(next)}`;
  return (
    <a
      href={href}
      className="flex w-full items-center justify-center rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white transition-colors hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
    >
      Sign in with {displayName}
    </a>
  );
}
