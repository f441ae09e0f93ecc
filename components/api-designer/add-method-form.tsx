"use client";

import { useState } from "react";
import { HTTP_METHODS, INTEGRATION_TYPES, type Resource } from "@/lib/model/design";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { checkLambdaFunctionArn, lambdaInvocationUri } from "@/lib/model/lambda-uri";
import type { useEditDesign } from "./use-design";

/**
 * Creates a method the way the AWS console does: the method, its integration, a 200 method
 * response and a default 200 integration response (proxy integrations pass responses through).
 * Each step is its own audited change.
 */
export function AddMethodForm({
  resource,
  editor,
  onAdded,
}: {
  resource: Resource;
  editor: ReturnType<typeof useEditDesign>;
  onAdded: (verb: string) => void;
}) {
  const free = HTTP_METHODS.filter((m) => !resource.methods[m]);
  const [verb, setVerb] = useState<string>(free[0] ?? "GET");
  const [type, setType] = useState<(typeof INTEGRATION_TYPES)[number]>("MOCK");
  const [uri, setUri] = useState("");
  const [backendMethod, setBackendMethod] = useState("GET");
  const [functionArn, setFunctionArn] = useState("");
  const [arnError, setArnError] = useState<string>();
  const lambda = type === "AWS" || type === "AWS_PROXY";
  const fe = editor.error?.fieldErrors ?? {};
  if (free.length === 0) return <p className="text-sm text-slate-500">Every HTTP method is defined on this resource.</p>;
  const httpMethod = free.includes(verb as never) ? verb : free[0];
  return (
    <form
      className="grid grid-cols-2 gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const m = httpMethod as (typeof HTTP_METHODS)[number];
        const id = resource.id;
        // Lambda (AWS, AWS_PROXY) is given as a function ARN: POST to its invocation URI.
        setArnError(undefined);
        if (lambda && checkLambdaFunctionArn(functionArn, "functionArn").length)
          return setArnError(checkLambdaFunctionArn(functionArn, "functionArn")[0].message);
        const integration =
          type === "MOCK"
            ? { type, requestTemplates: { "application/json": '{"statusCode": 200}' } }
            : lambda
              ? { type, uri: lambdaInvocationUri(functionArn), httpMethod: "POST" }
              : { type, uri, httpMethod: backendMethod };
        const proxy = type === "HTTP_PROXY" || type === "AWS_PROXY";
        const steps = [
          () => editor.edit({ type: "putMethod", resourceId: id, method: { httpMethod: m, authorizationType: "NONE" } }),
          () => editor.edit({ type: "putIntegration", resourceId: id, httpMethod: m, integration }),
          () =>
            editor.edit({
              type: "putMethodResponse",
              resourceId: id,
              httpMethod: m,
              response: { statusCode: "200", responseParameters: {}, responseModels: {} },
            }),
          ...(proxy
            ? []
            : [
                () =>
                  editor.edit({
                    type: "putIntegrationResponse",
                    resourceId: id,
                    httpMethod: m,
                    response: { statusCode: "200", responseParameters: {}, responseTemplates: {} },
                  }),
              ]),
        ];
        let first = true;
        for (const step of steps) {
          if (!(await step())) break;
          if (first) onAdded(m);
          first = false;
        }
      }}
    >
      <SelectField label="HTTP method" name="httpMethod" value={httpMethod} onChange={(e) => setVerb(e.target.value)} options={free} />
      <SelectField
        label="Integration type"
        name="integrationType"
        value={type}
        onChange={(e) => setType(e.target.value as never)}
        options={INTEGRATION_TYPES}
      />
      {lambda && (
        <Field
          label="Lambda function ARN"
          name="functionArn"
          value={functionArn}
          onChange={(e) => setFunctionArn(e.target.value)}
          placeholder="arn:aws:lambda:us-east-1:123456789012:function:my-function"
          error={arnError ?? fe["integration.uri"]}
          className="col-span-2"
        />
      )}
      {type !== "MOCK" && !lambda && (
        <>
          <SelectField
            label="Backend method"
            name="backendMethod"
            value={backendMethod}
            onChange={(e) => setBackendMethod(e.target.value)}
            options={HTTP_METHODS.filter((m) => m !== "ANY")}
            error={fe["integration.httpMethod"]}
          />
          <Field
            label="Endpoint URL"
            name="uri"
            value={uri}
            onChange={(e) => setUri(e.target.value)}
            placeholder="https://example.com/{id}"
            error={fe["integration.uri"]}
          />
        </>
      )}
      <div className="col-span-2">
        <Button type="submit" disabled={editor.pending}>
          Add method
        </Button>
      </div>
    </form>
  );
}
