"use client";
// Inside the API's layout: its name and tabs stay, so another tab is one click away.
import { ErrorPanel } from "@/components/ui/error-panel";

export default function ApiError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}
