"use client";
// The root layout itself failed: this replaces it, so it brings its own document and styles.
import "./globals.css";
import { ErrorPanel } from "@/components/ui/error-panel";

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 p-6 font-sans text-slate-900">
        <title>Error · Gatehouse</title>
        <ErrorPanel error={error} retry={retry} />
      </body>
    </html>
  );
}
