"use client";
// An error boundary must be a client component. Inside the console layout: the header stays.
import { ErrorPanel } from "@/components/ui/error-panel";

export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}
