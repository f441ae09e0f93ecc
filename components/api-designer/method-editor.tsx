"use client";

import type { ApiDesign, Method, Resource } from "@/lib/model/design";
import { resourcePath } from "@/lib/model/tree";
import { IntegrationResponses } from "./integration-responses";
import { IntegrationRequestCard } from "./integration-request";
import { MethodFlow, flowTarget } from "./method-flow";
import { MethodRequestCard } from "./method-request";
import { MethodResponsesCard } from "./method-responses";
import { TestInvokePanel } from "@/components/test-invoke/test-invoke-panel";
import type { StageOption } from "@/components/test-invoke/target-select";
import type { DesignEditor } from "./use-design";

/** The AWS flow for one method: method request → integration request → responses, each editable in place, and a Test panel. */
export function MethodEditor({
  apiId,
  design,
  resource,
  method,
  editor,
  canEdit,
  canInvoke,
  stageVariableNames,
  stages,
  onAws = false,
}: {
  onAws?: boolean;
  apiId: string;
  design: ApiDesign;
  resource: Resource;
  method: Method;
  editor: DesignEditor;
  canEdit: boolean;
  canInvoke: boolean;
  stageVariableNames?: string[];
  stages?: StageOption[];
}) {
  const path = resourcePath(design, resource);
  return (
    <div className="space-y-4" data-testid="method-editor">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h2 className="min-w-0 break-all font-mono text-lg font-semibold">
          {method.httpMethod} {path}
        </h2>
        <a href={`/apis/${apiId}/history?entity=${encodeURIComponent(`${path} ${method.httpMethod}`)}`} className="text-xs text-indigo-700 hover:underline">
          History of this method
        </a>
      </div>
      <MethodFlow design={design} method={method} />
      {/* Each card is keyed by what it edits, so a saved change (or a reload) refreshes its fields. */}
      <div className="grid gap-4 xl:grid-cols-2">
        <div id={flowTarget("methodRequest")} className="rounded-lg transition">
          <MethodRequestCard
            key={JSON.stringify({ ...method, integration: undefined, methodResponses: undefined })}
            design={design}
            resource={resource}
            method={method}
            editor={editor}
            canEdit={canEdit}
          />
        </div>
        <div id={flowTarget("integrationRequest")} className="rounded-lg transition">
          <IntegrationRequestCard
            key={JSON.stringify({ ...method.integration, integrationResponses: undefined })}
            resource={resource}
            method={method}
            editor={editor}
            canEdit={canEdit}
            path={path}
            stageVariableNames={stageVariableNames}
          />
        </div>
      </div>
      <div id={flowTarget("methodResponse")} className="rounded-lg transition">
        <MethodResponsesCard design={design} resource={resource} method={method} editor={editor} canEdit={canEdit} />
      </div>
      {method.integration && (
        <div id={flowTarget("integrationResponse")} className="rounded-lg transition">
          <IntegrationResponses resource={resource} method={method} editor={editor} canEdit={canEdit} path={path} stageVariableNames={stageVariableNames} />
        </div>
      )}
      {canInvoke && (
        <TestInvokePanel
          apiId={apiId}
          httpMethod={method.httpMethod}
          resourcePath={path}
          stages={stages}
          onAws={onAws}
          authorizationType={method.authorizationType}
        />
      )}
    </div>
  );
}
