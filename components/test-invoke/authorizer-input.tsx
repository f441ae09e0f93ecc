"use client";
/**
 * The authorizer part of a test request: for CUSTOM methods, the real Lambda authorizer on AWS when
 * the API has a connection, else (and for Cognito) what the tester says the authorizer returned.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { invokeCapabilitiesAction } from "@/app/(console)/apis/[apiId]/tests/actions";
import { queryKeys } from "@/components/query-keys";
import {
  AuthorizerModeSelect,
  EMPTY_SIMULATED_AUTHORIZER,
  hasAuthorizer,
  SimulatedAuthorizerFields,
  simulatedAuthorizerPayload,
  type AuthorizerMode,
} from "./simulated-authorizer";

export function useAuthorizerInput(apiId: string, authorizationType: string | undefined) {
  const [simulated, setSimulated] = useState(EMPTY_SIMULATED_AUTHORIZER);
  const [chosenMode, setMode] = useState<AuthorizerMode>("simulated");
  const capabilities = useQuery({
    queryKey: queryKeys.api.invokeCapabilities(apiId),
    queryFn: async () => {
      const r = await invokeCapabilitiesAction(apiId);
      if (!r.ok) throw new Error(r.error);
      return r.data;
    },
    enabled: authorizationType === "CUSTOM",
  });
  const awsConnection = capabilities.data?.awsConnection ?? null;
  // Without a connection the AWS choice cannot hold: the simulated inputs show whatever was chosen.
  const mode: AuthorizerMode = awsConnection ? chosenMode : "simulated";
  const callAuthorizer = authorizationType === "CUSTOM" && mode === "aws";
  /** What the test invoke action takes for the authorizer; empty when authorization is skipped. */
  const payload = () => {
    if (callAuthorizer) return { callAuthorizer: true as const };
    const authorizer = simulatedAuthorizerPayload(authorizationType, simulated);
    return authorizer ? { authorizer } : {};
  };
  return { authorizationType, simulated, setSimulated, mode, setMode, awsConnection, callAuthorizer, payload };
}

export function AuthorizerInput({ input }: { input: ReturnType<typeof useAuthorizerInput> }) {
  const { authorizationType } = input;
  return (
    <>
      {authorizationType === "CUSTOM" && <AuthorizerModeSelect value={input.mode} onChange={input.setMode} awsConnection={input.awsConnection} />}
      {authorizationType && hasAuthorizer(authorizationType) && !input.callAuthorizer && (
        <SimulatedAuthorizerFields authorizationType={authorizationType} value={input.simulated} onChange={input.setSimulated} />
      )}
    </>
  );
}
