"use client";
/**
 * The "Simulated authorizer" inputs of the test panel, for CUSTOM and COGNITO_USER_POOLS methods:
 * Gatehouse cannot run authorizers without AWS, so the tester says what the authorizer returned.
 */
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import { parseNameValueLines } from "@/lib/testcase/request-lines";

/** How a CUSTOM method's Lambda authorizer runs in a test: a simulated result, or the real function on AWS. */
export type AuthorizerMode = "simulated" | "aws";

export function AuthorizerModeSelect({
  value,
  onChange,
  awsConnection,
}: {
  value: AuthorizerMode;
  onChange: (v: AuthorizerMode) => void;
  awsConnection: { region: string } | null;
}) {
  return (
    <div className="md:col-span-2">
      <SelectField
        label="Authorizer"
        name="test.authorizerMode"
        value={value}
        onChange={(e) => onChange(e.target.value as AuthorizerMode)}
        options={[
          { value: "simulated", label: "Simulated" },
          { value: "aws", label: "Call the authorizer on AWS", disabled: !awsConnection },
        ]}
      />
      {!awsConnection && (
        <span className="mt-1 block text-xs font-normal text-slate-500" data-testid="authorizer-aws-unavailable">
          Calling the authorizer on AWS needs this API bound to an AWS connection (AWS tab); until then, enter the result it would return below.
        </span>
      )}
      {value === "aws" && awsConnection && (
        <span className="mt-1 block text-xs font-normal text-slate-500">
          Invokes the authorizer&apos;s Lambda function through the API&apos;s AWS connection ({awsConnection.region}) with AWS&apos;s event, then applies the
          policy it returns (401/403 as API Gateway answers).
        </span>
      )}
    </div>
  );
}

export interface SimulatedAuthorizerInput {
  principalId: string;
  /** `name=value` lines: claims for Cognito, the context map for a Lambda authorizer. */
  lines: string;
}

export const EMPTY_SIMULATED_AUTHORIZER: SimulatedAuthorizerInput = { principalId: "", lines: "" };

export const hasAuthorizer = (authorizationType: string | undefined) => authorizationType === "CUSTOM" || authorizationType === "COGNITO_USER_POOLS";

/** What the test invoke action receives; undefined when nothing was entered (authorization is then skipped). */
export function simulatedAuthorizerPayload(
  authorizationType: string | undefined,
  input: SimulatedAuthorizerInput,
): { principalId?: string; claims?: Record<string, string>; context?: Record<string, string> } | undefined {
  if (!hasAuthorizer(authorizationType)) return undefined;
  const principalId = input.principalId.trim();
  const values = parseNameValueLines(input.lines);
  if (!principalId && Object.keys(values).length === 0) return undefined;
  return {
    ...(principalId ? { principalId } : {}),
    ...(Object.keys(values).length === 0 ? {} : authorizationType === "COGNITO_USER_POOLS" ? { claims: values } : { context: values }),
  };
}

export function SimulatedAuthorizerFields({
  authorizationType,
  value,
  onChange,
}: {
  authorizationType: string;
  value: SimulatedAuthorizerInput;
  onChange: (v: SimulatedAuthorizerInput) => void;
}) {
  const cognito = authorizationType === "COGNITO_USER_POOLS";
  return (
    <fieldset className="rounded-md border border-amber-300 bg-amber-50 p-3 md:col-span-2" data-testid="simulated-authorizer">
      <legend className="px-1 text-sm font-medium text-slate-700">Simulated authorizer</legend>
      <p className="mb-2 text-xs text-amber-800">
        simulated — no authorizer runs. What you enter here fills <code>$context.authorizer</code> as if the{" "}
        {cognito ? "Cognito user pool (Gatehouse does not call Cognito)" : "Lambda authorizer"} had allowed the request; leave it empty to skip authorization,
        as AWS&apos;s own test does.
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <Field
          label="principalId"
          name="test.authorizer.principalId"
          value={value.principalId}
          onChange={(e) => onChange({ ...value, principalId: e.target.value })}
          placeholder="user-123"
        />
        <TextAreaField
          label={`${cognito ? "Claims" : "Context"} (name=value per line)`}
          name="test.authorizer.lines"
          value={value.lines}
          onChange={(e) => onChange({ ...value, lines: e.target.value })}
          rows={3}
          placeholder={cognito ? "sub=1234\nemail=jane@example.com" : "tenant=acme\nrole=admin"}
          mono
        />
      </div>
    </fieldset>
  );
}
