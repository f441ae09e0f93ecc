import { MissingSegment } from "@/components/ui/missing-segment";
import { NotFoundPanel } from "@/components/ui/not-found-panel";

// Catches notFound() from apis/[apiId]/layout.tsx (a boundary never catches its own segment's
// layout, so it sits one level up), inside the console layout.
export default function ApiNotFound() {
  return (
    <NotFoundPanel title="API not found" links={[{ href: "/", label: "All APIs" }]}>
      <p>
        No API <MissingSegment after="apis" label="with id" fallback="with that id" /> in this workspace. It may have been deleted, or it belongs to another
        workspace.
      </p>
    </NotFoundPanel>
  );
}
