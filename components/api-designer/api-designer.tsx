"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ApiDesign, Resource } from "@/lib/model/design";
import { resourcePath, resourcesInTreeOrder, findResource } from "@/lib/model/tree";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { queryKeys } from "@/components/query-keys";
import { AddResourceForm } from "./add-resource-form";
import { AddMethodForm } from "./add-method-form";
import { MethodEditor } from "./method-editor";
import { GatewayResponsesCard } from "./gateway-responses";
import { CorsHelper } from "./cors-helper";
import { ModelsPanel } from "./models-panel";
import { ValidatorsPanel } from "./validators-panel";
import { AuthorizersPanel } from "./authorizers-panel";
import { ResourceTree } from "./resource-tree";
import { ResourceActions } from "./resource-actions";
import { ApiSettingsCard } from "./api-settings";
import { designEditOptions, editDraft, useDraft, type ApiDraft, type DesignEditor } from "./use-design";
import type { StageOption } from "@/components/test-invoke/target-select";

type Selection = { resourceId: string; method?: string };

export function ApiDesigner({
  apiId,
  initial,
  canEdit,
  canInvoke,
  stageVariableNames,
  stages,
}: {
  apiId: string;
  initial: ApiDraft;
  canEdit: boolean;
  canInvoke: boolean;
  stageVariableNames?: string[];
  stages?: StageOption[];
}) {
  const { data: draft } = useDraft(apiId, initial);
  const queryClient = useQueryClient();
  const editor = useServerAction(editDraft(apiId, queryClient), designEditOptions(apiId, queryClient));
  const reload = () => {
    editor.reset();
    void queryClient.invalidateQueries({ queryKey: queryKeys.api.draft(apiId) });
  };
  const design = draft.design;
  const [selected, setSelected] = useState<Selection>(() => ({ resourceId: resourcesInTreeOrder(design)[0].id }));
  const resource = findResource(design, selected.resourceId) ?? resourcesInTreeOrder(design)[0];
  const method = selected.method ? resource.methods[selected.method] : undefined;
  const shared = { design, editor, canEdit };

  return (
    <div className="grid gap-4 lg:grid-cols-[320px_1fr]">
      <ResourcesColumn {...shared} resourceId={resource.id} selected={selected} onSelect={setSelected} />
      <div className="space-y-4">
        <EditErrorBanner editor={editor} onReload={reload} />
        <ApiSettingsCard {...shared} />
        <ResourceCard {...shared} resource={resource} selected={selected} onSelect={setSelected} />
        {method && (
          <MethodEditor
            key={`${resource.id}-${method.httpMethod}`}
            {...shared}
            apiId={apiId}
            resource={resource}
            method={method}
            canInvoke={canInvoke}
            stageVariableNames={stageVariableNames}
            stages={stages}
            onAws={!!(initial.awsRestApiId ?? draft.awsRestApiId)}
          />
        )}
        {/* Keyed by the resource's verbs (not OPTIONS, which it writes itself) so its defaults follow new methods. */}
        <CorsHelper
          key={`${resource.id}:${Object.keys(resource.methods)
            .filter((v) => v !== "OPTIONS")
            .sort()}`}
          {...shared}
          resource={resource}
        />
        <GatewayResponsesCard {...shared} stageVariableNames={stageVariableNames} />
        <ModelsPanel {...shared} />
        <div className="grid gap-4 xl:grid-cols-2">
          <ValidatorsPanel {...shared} />
          <AuthorizersPanel {...shared} />
        </div>
      </div>
    </div>
  );
}

type Shared = { design: ApiDesign; editor: DesignEditor; canEdit: boolean };

function ResourcesColumn({
  design,
  editor,
  canEdit,
  resourceId,
  selected,
  onSelect,
}: Shared & { resourceId: string; selected: Selection; onSelect: (s: Selection) => void }) {
  return (
    <div className="space-y-4">
      <Card title="Resources">
        <ResourceTree design={design} selected={selected} onSelect={onSelect} />
      </Card>
      {canEdit ? (
        <Card title="Add resource">
          <AddResourceForm design={design} defaultParentId={resourceId} editor={editor} onAdded={(id) => onSelect({ resourceId: id })} />
        </Card>
      ) : (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="read-only-notice">
          Read-only: your role can view this API but not change it.
        </p>
      )}
    </div>
  );
}

/**
 * The last refused edit, in the server's words (its field messages also stand next to the fields of
 * whichever form sent it); a stale version (409) offers to reload the draft.
 */
function EditErrorBanner({ editor, onReload }: { editor: DesignEditor; onReload: () => void }) {
  const failure = editor.error && { ...editor.error, fieldErrors: undefined };
  return (
    <FormError failure={failure} onReload={onReload} data-testid="edit-error" className="flex items-center justify-between">
      {editor.error?.status !== 409 && (
        <button type="button" className="text-red-500" onClick={editor.reset} aria-label="Dismiss">
          ×
        </button>
      )}
    </FormError>
  );
}

/** The selected resource: its methods, rename/move/delete, and adding a method. */
function ResourceCard({
  design,
  editor,
  canEdit,
  resource,
  selected,
  onSelect,
}: Shared & { resource: Resource; selected: Selection; onSelect: (s: Selection) => void }) {
  const verbs = Object.keys(resource.methods).sort();
  return (
    <Card title={<span data-testid="selected-resource">{resourcePath(design, resource)}</span>}>
      <div className="flex flex-wrap items-center gap-2">
        {verbs.length === 0 && <span className="text-sm text-slate-500">No methods on this resource.</span>}
        {verbs.map((verb) => (
          <button
            type="button"
            key={verb}
            onClick={() => onSelect({ resourceId: resource.id, method: verb })}
            className={`rounded px-2 py-1 text-xs font-semibold ${selected.method === verb ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
          >
            {verb}
          </button>
        ))}
      </div>
      {canEdit && (
        <ResourceActions key={resource.id} design={design} resource={resource} editor={editor} onDeleted={(parentId) => onSelect({ resourceId: parentId })} />
      )}
      {canEdit && (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <AddMethodForm resource={resource} editor={editor} onAdded={(verb) => onSelect({ resourceId: resource.id, method: verb })} />
        </div>
      )}
    </Card>
  );
}
