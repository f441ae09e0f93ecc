/** The API settings form's state and the updateApi command it sends. */
import type { ApiDesign } from "@/lib/model/design";

export interface ApiSettingsFormState {
  name: string;
  description: string;
  endpointType: ApiDesign["endpointType"];
  binary: string;
  compression: string;
  apiKeySource: ApiDesign["apiKeySource"];
  policy: string;
  disableDefault: boolean;
}

export function apiSettingsForm(design: ApiDesign): ApiSettingsFormState {
  return {
    name: design.name,
    description: design.description,
    endpointType: design.endpointType,
    binary: design.binaryMediaTypes.join("\n"),
    compression: design.minimumCompressionSize === null ? "" : String(design.minimumCompressionSize),
    apiKeySource: design.apiKeySource,
    policy: design.policy ?? "",
    disableDefault: design.disableExecuteApiEndpoint,
  };
}

export function updateApiCommand(f: ApiSettingsFormState) {
  return {
    type: "updateApi" as const,
    name: f.name,
    description: f.description,
    endpointType: f.endpointType,
    binaryMediaTypes: f.binary
      .split(/[\n,]/)
      .map((t) => t.trim())
      .filter(Boolean),
    // Not a number is sent as-is so the server names the field; empty turns compression off.
    minimumCompressionSize: f.compression.trim() === "" ? null : Number(f.compression),
    apiKeySource: f.apiKeySource,
    policy: f.policy.trim() ? f.policy : null,
    disableExecuteApiEndpoint: f.disableDefault,
  };
}

/** What the form is keyed by: a save that changes any of these re-opens it with the saved values. */
export const apiSettingsKey = (d: ApiDesign) =>
  JSON.stringify([d.name, d.description, d.endpointType, d.binaryMediaTypes, d.minimumCompressionSize, d.apiKeySource, d.policy, d.disableExecuteApiEndpoint]);
