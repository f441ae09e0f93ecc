"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { ApiDesign, HttpMethod, Resource } from "@/lib/model/design";
import { resourcePath } from "@/lib/model/tree";
import { DESIGNER_TABS, type DesignerTab, resolveDesignerView } from "@/lib/url-state/designer-view";
import { useDesignerView } from "@/components/url-state/use-designer-view";
import { DesignerPanelNav, panelId, useScrollToPanel } from "@/components/url-state/designer-panel-nav";
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
  // The view is the URL's (use-designer-view.ts): the server renders it first, selecting pushes a history entry.
  const [view, go] = useDesignerView();
  const { resource, method, missing } = resolveDesignerView(design, view);
  const selected: Selection = { resourceId: resource.id, method: method?.httpMethod };
  const select = (next: Selection, mode?: "push" | "replace") => go({ resource: next.resourceId, method: next.method as HttpMethod | undefined }, mode);
  useScrollToPanel(view.tab);
  const shared = { design, editor, canEdit };

  return (
    <div className="grid gap-4 lg:grid-cols-[320px_1fr]">
      <ResourcesColumn {...shared} resourceId={resource.id} selected={selected} onSelect={select} />
      <div className="min-w-0 space-y-4">
        <EditErrorBanner editor={editor} onReload={reload} />
        {missing && (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="view-not-found">
            {missing}
          </p>
        )}
        {/* From the view on screen, so a link that named something missing is not carried along. */}
        <DesignerPanelNav
          view={{ resource: view.resource && resource.id, method: method?.httpMethod, tab: view.tab }}
          tabs={DESIGNER_TABS.filter((t) => t !== "method" || method)}
          onNavigate={go}
        />
        <Panel tab="settings">
          <ApiSettingsCard {...shared} />
        </Panel>
        <Panel tab="resource">
          <ResourceCard {...shared} resource={resource} selected={selected} onSelect={select} />
        </Panel>
        {method && (
          <Panel tab="method">
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
          </Panel>
        )}
        <Panel tab="cors">
          {/* Keyed by the resource's verbs (not OPTIONS, which it writes itself) so its defaults follow new methods. */}
          <CorsHelper
            key={`${resource.id}:${Object.keys(resource.methods)
              .filter((v) => v !== "OPTIONS")
              .sort()}`}
            {...shared}
            resource={resource}
          />
        </Panel>
        <Panel tab="gateway-responses">
          <GatewayResponsesCard {...shared} stageVariableNames={stageVariableNames} />
        </Panel>
        <Panel tab="models">
          <ModelsPanel {...shared} />
        </Panel>
        <div className="grid gap-4 xl:grid-cols-2">
          <Panel tab="validators">
            <ValidatorsPanel {...shared} />
          </Panel>
          <Panel tab="authorizers">
            <AuthorizersPanel {...shared} />
          </Panel>
        </div>
      </div>
    </div>
  );
}

/** A panel a link can scroll to (`tab=`). */
function Panel({ tab, children }: { tab: DesignerTab; children: ReactNode }) {
  return (
    <section id={panelId(tab)} className="min-w-0 scroll-mt-4">
      {children}
    </section>
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
}: Shared & { resourceId: string; selected: Selection; onSelect: (s: Selection, mode?: "push" | "replace") => void }) {
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
}: Shared & { resource: Resource; selected: Selection; onSelect: (s: Selection, mode?: "push" | "replace") => void }) {
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
        <ResourceActions
          key={resource.id}
          design={design}
          resource={resource}
          editor={editor}
          // The deleted resource has no view to go Back to: its history entry becomes the parent's.
          onDeleted={(parentId) => onSelect({ resourceId: parentId }, "replace")}
        />
      )}
      {canEdit && (
        <div className="mt-4 border-t border-slate-100 pt-4">
          <AddMethodForm resource={resource} editor={editor} onAdded={(verb) => onSelect({ resourceId: resource.id, method: verb })} />
        </div>
      )}
    </Card>
  );
}
