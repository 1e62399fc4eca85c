"use client";

import { Button } from "@/components/ui/button";

/** Shown when a console page fails to render; the digest links the screen to the server log. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">This page could not be shown</h1>
      <p className="mt-2 text-sm text-red-900">
        Something went wrong on the server. Try again; if it keeps happening, give your administrator this reference:{" "}
        <code>{error.digest ?? "none"}</code>.
      </p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </section>
  );
}
