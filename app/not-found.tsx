import type { Metadata } from "next";
import { RequestedPath } from "@/components/ui/missing-segment";
import { NotFoundPanel } from "@/components/ui/not-found-panel";

export const metadata: Metadata = { title: "Not found" };

// Any URL that matches no page (the root not-found handles unmatched URLs for the whole app).
export default function NotFound() {
  return (
    <main className="p-6">
      <NotFoundPanel title="No such page" links={[{ href: "/", label: "Back to the APIs" }]}>
        <p>
          Nothing in Gatehouse answers at <RequestedPath />. The link may be mistyped or out of date.
        </p>
      </NotFoundPanel>
    </main>
  );
}
