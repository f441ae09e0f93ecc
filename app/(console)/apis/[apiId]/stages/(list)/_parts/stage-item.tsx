import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { StageDeploymentSelect } from "@/components/stages/stage-forms";
import { DeleteStageButton } from "@/components/stages/delete-stage";
import { UndeployedNote } from "@/components/stages/undeployed-note";

/** One stage in the API's stage list: its name and links, what it runs, its variables, and the controls the role allows. */
export function StageItem(props: {
  apiId: string;
  stage: { id: string; name: string; protected: boolean; deploymentId: string; variables: unknown };
  undeployed: ComponentProps<typeof UndeployedNote>["stage"] | undefined;
  canDelete: boolean;
  deploymentOptions: { value: string; label: string }[] | null;
  /** The push panel, when the role may push. */
  push: ReactNode;
}) {
  const { apiId, stage: s } = props;
  const variables = Object.entries(s.variables as Record<string, string>);
  return (
    <li className="rounded-md border border-slate-200 p-3" data-stage={s.name}>
      <div className="flex items-center justify-between">
        <span className="font-semibold">
          <Link href={`/apis/${apiId}/stages/${encodeURIComponent(s.name)}`} className="hover:underline">
            {s.name}
          </Link>
          {s.protected && <span className="ml-1 rounded bg-indigo-50 px-1.5 text-xs font-normal text-indigo-700">protected</span>}{" "}
          <a
            href={`/apis/${apiId}/history?entityType=stage&entity=${encodeURIComponent(s.name)}`}
            className="ml-2 text-xs font-normal text-indigo-700 hover:underline"
          >
            history
          </a>
        </span>
        <span className="text-xs text-slate-500">
          deployment <span className="font-mono">{s.deploymentId.slice(0, 8)}</span>
          {props.canDelete && (
            <span className="ml-2">
              <DeleteStageButton apiId={apiId} stageName={s.name} />
            </span>
          )}
        </span>
      </div>
      {props.undeployed && <UndeployedNote apiId={apiId} stage={props.undeployed} />}
      {variables.length > 0 && <p className="mt-1 font-mono text-xs text-slate-500">{variables.map(([k, v]) => `${k}=${v}`).join("  ")}</p>}
      {props.deploymentOptions && <StageDeploymentSelect apiId={apiId} stageName={s.name} current={s.deploymentId} options={props.deploymentOptions} />}
      {props.push}
    </li>
  );
}
