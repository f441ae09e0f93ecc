import Link from "next/link";
import { DeleteStageButton } from "@/components/stages/delete-stage";

/** The stage's title line: what it runs, where to go from here, and whether changes reach AWS. */
export function StageHeader(props: {
  apiId: string;
  stageName: string;
  isProtected: boolean;
  deploymentId: string;
  awsRestApiId: string | null;
  canDelete: boolean;
}) {
  const { apiId, stageName } = props;
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h2 className="text-lg font-semibold" data-testid="stage-title">
        Stage {stageName} {props.isProtected && <span className="ml-1 rounded bg-indigo-50 px-1.5 text-xs font-normal text-indigo-700">protected</span>}
      </h2>
      <div className="flex gap-3 text-sm">
        <span>
          runs deployment{" "}
          <span className="font-mono" data-testid="stage-deployment">
            {props.deploymentId.slice(0, 8)}
          </span>
        </span>
        <Link className="text-indigo-700 hover:underline" href={`/apis/${apiId}/stages`}>
          All stages
        </Link>
        <Link className="text-indigo-700 hover:underline" href={`/apis/${apiId}/history?entityType=stage&entity=${encodeURIComponent(stageName)}`}>
          History
        </Link>
        <span className="text-slate-500">{props.awsRestApiId ? `Changes also go to AWS (${props.awsRestApiId})` : "Local only (not bound to AWS)"}</span>
        {props.canDelete && <DeleteStageButton apiId={apiId} stageName={stageName} leaveTo={`/apis/${apiId}/stages`} />}
      </div>
    </div>
  );
}
