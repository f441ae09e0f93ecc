import { LinkUpTo, MissingSegment } from "@/components/ui/missing-segment";
import { NOT_FOUND_LINK, NotFoundPanel } from "@/components/ui/not-found-panel";

// notFound() from a stage's layout (app/(console)/apis/[apiId]/stages/[stageName]/layout.tsx): shown under
// the API's name and tabs, which did load.
export default function StageNotFound() {
  return (
    <NotFoundPanel
      title="Stage not found"
      links={[{ href: "/", label: "All APIs" }]}
      nearby={
        <LinkUpTo upTo="stages" className={NOT_FOUND_LINK}>
          All stages of this API
        </LinkUpTo>
      }
    >
      <p>
        This API has no stage <MissingSegment after="stages" label="named" fallback="of that name" />. It may have been deleted or renamed.
      </p>
    </NotFoundPanel>
  );
}
