import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "CAM Console", template: "%s · CAM Console" },
  description: "Corpus-Aware Monitor: compliance checks between clinicians and healthcare language models.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so each carries its own CSP nonce (proxy.ts).
  await connection();
  return (
    <html lang="en-AU">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
