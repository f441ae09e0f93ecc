"use client";

import { useState } from "react";
import type { Method, Resource } from "@/lib/model/design";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { errorUnder } from "./rows";
import type { DesignEditor } from "./use-design";
import { useFormState } from "./use-form-state";
import { integrationForm, integrationFromForm, integrationKind } from "./integration-form";
import { IntegrationOptionFields, IntegrationTargetFields } from "./integration-fields";
import { RequestParameterMappings } from "./request-parameter-mappings";
import { MappingTemplates } from "./mapping-templates";
import { TemplateSaveWarning } from "@/components/editor/lazy";

/**
 * Integration request and the integration itself: every PutIntegration field. Lambda (AWS and
 * AWS_PROXY) is entered as a function ARN; the invocation URI is built from it.
 */
export function IntegrationRequestCard({
  resource,
  method,
  editor,
  canEdit,
  path,
  stageVariableNames,
}: {
  resource: Resource;
  method: Method;
  editor: DesignEditor;
  canEdit: boolean;
  path: string;
  stageVariableNames?: string[];
}) {
  const { form, set, setForm } = useFormState(() => integrationForm(method.integration));
  const [arnError, setArnError] = useState<string | undefined>();
  const fe = editor.fieldErrors;
  const { proxy } = integrationKind(form);

  const save = () => {
    const built = integrationFromForm(form);
    setArnError("error" in built ? built.error : undefined);
    if ("integration" in built)
      void editor.run({ type: "putIntegration", resourceId: resource.id, httpMethod: method.httpMethod, integration: built.integration });
  };

  return (
    <Card title="Integration request">
      <div className="space-y-3">
        <fieldset disabled={!canEdit} className="grid min-w-0 grid-cols-2 gap-3">
          <IntegrationTargetFields form={form} set={set} fe={fe} arnError={arnError} />
          <IntegrationOptionFields form={form} set={set} fe={fe} />
        </fieldset>
        {!proxy && (
          <RequestParameterMappings
            mappings={form.mappings}
            onChange={(mappings) => set("mappings", mappings)}
            canEdit={canEdit}
            error={errorUnder(fe, "integration.requestParameters")}
          />
        )}
        {fe["integration.requestParameters"] && <p className="text-xs text-red-600">{fe["integration.requestParameters"]}</p>}
        {!proxy && (
          <MappingTemplates
            title="Request mapping templates"
            kind="request"
            templates={form.templates}
            onChange={(update) => setForm((f) => ({ ...f, templates: update(f.templates) }))}
            canEdit={canEdit}
            error={errorUnder(fe, "integration.requestTemplates")}
            stageVariableNames={stageVariableNames}
            method={{ httpMethod: method.httpMethod, resourcePath: path }}
          />
        )}
        {canEdit && !proxy && <TemplateSaveWarning templates={form.templates} />}
        {canEdit && (
          <Button type="button" variant="secondary" disabled={editor.pending} onClick={save}>
            Save integration request
          </Button>
        )}
      </div>
    </Card>
  );
}
