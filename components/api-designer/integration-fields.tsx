"use client";
/** The integration request card's field groups: where the request goes, and how it is sent. */
import { HTTP_METHODS, INTEGRATION_TYPES, PASSTHROUGH_BEHAVIORS } from "@/lib/model/design-constants";
import { Field, SelectField, Checkbox } from "@/components/ui/field";
import { errorUnder } from "./rows";
import { integrationKind, type IntegrationForm } from "./integration-form";
import type { SetField } from "./use-form-state";

type Props = { form: IntegrationForm; set: SetField<IntegrationForm>; fe: Record<string, string> };

export const CONTENT_HANDLING = [{ value: "", label: "Passthrough (none)" }, "CONVERT_TO_BINARY", "CONVERT_TO_TEXT"];

/** Integration type, backend method and the target: a Lambda function, an AWS service URI or an endpoint URL. */
export function IntegrationTargetFields({ form, set, fe, arnError }: Props & { arnError?: string }) {
  const { isAws, isHttp, lambdaMode } = integrationKind(form);
  return (
    <>
      <SelectField
        label="Integration type"
        name="integration.type"
        value={form.type}
        onChange={(e) => {
          set("type", e.target.value as IntegrationForm["type"]);
          // AWS_PROXY (Lambda proxy) only accepts POST.
          if (e.target.value === "AWS_PROXY") set("httpMethod", "POST");
        }}
        options={INTEGRATION_TYPES}
        error={fe["integration.type"]}
      />
      {form.type !== "MOCK" && (
        <SelectField
          label="Backend method"
          name="integration.httpMethod"
          value={form.httpMethod}
          onChange={(e) => set("httpMethod", e.target.value)}
          options={HTTP_METHODS}
          error={fe["integration.httpMethod"]}
        />
      )}
      {form.type === "AWS" && (
        <Checkbox
          className="col-span-2"
          label="Lambda function (otherwise another AWS service by URI)"
          checked={form.useLambda}
          onChange={(e) => set("useLambda", e.target.checked)}
        />
      )}
      {lambdaMode && <LambdaFields form={form} set={set} fe={fe} arnError={arnError} />}
      {form.type !== "MOCK" && !lambdaMode && (
        <Field
          label={isAws ? "AWS service URI" : "Endpoint URL"}
          name="integration.uri"
          value={form.uri}
          onChange={(e) => set("uri", e.target.value)}
          placeholder={isAws ? "arn:aws:apigateway:us-east-1:s3:path/{bucket}/{key}" : "https://${stageVariables.host}/pets/{id}"}
          error={fe["integration.uri"]}
          className="col-span-2"
        />
      )}
      {isHttp && <ConnectionFields form={form} set={set} fe={fe} />}
      {fe["integration.connectionId"] && form.connectionType !== "VPC_LINK" && (
        <p className="col-span-2 text-xs text-red-600">{fe["integration.connectionId"]}</p>
      )}
      {isAws && (
        <Field
          label="Credentials (IAM role ARN)"
          name="integration.credentials"
          value={form.credentials}
          onChange={(e) => set("credentials", e.target.value)}
          error={fe["integration.credentials"]}
          className="col-span-2"
        />
      )}
    </>
  );
}

function LambdaFields({ form, set, fe, arnError }: Props & { arnError?: string }) {
  return (
    <>
      <Field
        label="Lambda function ARN"
        name="integration.functionArn"
        value={form.functionArn}
        onChange={(e) => set("functionArn", e.target.value)}
        placeholder="arn:aws:lambda:us-east-1:123456789012:function:my-function"
        error={arnError ?? fe["integration.uri"]}
        className="col-span-2"
      />
      <Field
        label="Lambda Region (only if the ARN's Region is a stage variable)"
        name="integration.lambdaRegion"
        value={form.lambdaRegion}
        onChange={(e) => set("lambdaRegion", e.target.value)}
        placeholder="us-east-1"
        className="col-span-2"
      />
    </>
  );
}

function ConnectionFields({ form, set, fe }: Props) {
  return (
    <>
      <SelectField
        label="Connection"
        name="integration.connectionType"
        value={form.connectionType}
        onChange={(e) => set("connectionType", e.target.value as IntegrationForm["connectionType"])}
        options={["INTERNET", "VPC_LINK"]}
        error={fe["integration.connectionType"]}
      />
      {form.connectionType === "VPC_LINK" ? (
        <Field
          label="VPC link ID"
          name="integration.connectionId"
          value={form.connectionId}
          onChange={(e) => set("connectionId", e.target.value)}
          error={fe["integration.connectionId"]}
        />
      ) : (
        <span />
      )}
    </>
  );
}

/** Passthrough, content handling, timeout, caching and TLS. */
export function IntegrationOptionFields({ form, set, fe }: Props) {
  const { isHttp } = integrationKind(form);
  return (
    <>
      <SelectField
        label="Passthrough"
        name="integration.passthroughBehavior"
        value={form.passthroughBehavior}
        onChange={(e) => set("passthroughBehavior", e.target.value as IntegrationForm["passthroughBehavior"])}
        options={PASSTHROUGH_BEHAVIORS}
      />
      <SelectField
        label="Content handling"
        name="integration.contentHandling"
        value={form.contentHandling}
        onChange={(e) => set("contentHandling", e.target.value)}
        options={CONTENT_HANDLING}
      />
      <Field
        label="Timeout (ms)"
        name="integration.timeoutInMillis"
        inputMode="numeric"
        value={form.timeout}
        onChange={(e) => set("timeout", e.target.value)}
        error={fe["integration.timeoutInMillis"]}
        hint="50 to 29000"
      />
      <Field label="Cache namespace" name="integration.cacheNamespace" value={form.cacheNamespace} onChange={(e) => set("cacheNamespace", e.target.value)} />
      <Field
        label="Cache key parameters"
        name="integration.cacheKeyParameters"
        value={form.cacheKeys}
        onChange={(e) => set("cacheKeys", e.target.value)}
        placeholder="method.request.path.id"
        error={errorUnder(fe, "integration.cacheKeyParameters")}
        className="col-span-2"
      />
      {isHttp && (
        <Checkbox
          className="col-span-2"
          label="Skip TLS certificate verification (insecureSkipVerification)"
          checked={form.skipTls}
          onChange={(e) => set("skipTls", e.target.checked)}
        />
      )}
    </>
  );
}
