/** The REST API itself: CreateRestApi when nothing is live, else UpdateRestApi for the settings that differ. */
import type { RestApi as AwsRestApi } from "@aws-sdk/client-api-gateway";
import type { ApiDesign } from "../../model/design";
import { type PatchOp, compact, listOps, sameJsonText, scalarOps } from "../diff";
import { type PlanContext, fieldsOf } from "./context";
import type { PlannedCall } from "./types";

export function planRestApi(ctx: PlanContext): PlannedCall[] {
  if (!ctx.live) return [createRestApi(ctx.design)];
  const ops = restApiSettingOps(ctx.live.restApi, ctx.design);
  if (!ops.length) return [];
  return [
    {
      operation: "UpdateRestApi",
      target: `API ${ctx.design.name}`,
      description: `Update API settings (${fieldsOf(ops)})`,
      kind: "update",
      params: { restApiId: ctx.live.restApi.id, patchOperations: ops },
    },
  ];
}

function createRestApi(design: ApiDesign): PlannedCall {
  return {
    operation: "CreateRestApi",
    target: `API ${design.name}`,
    description: `Create REST API ${design.name}`,
    kind: "create",
    binds: "restApi",
    params: compact({
      name: design.name,
      description: design.description || undefined,
      binaryMediaTypes: design.binaryMediaTypes,
      minimumCompressionSize: design.minimumCompressionSize ?? undefined,
      apiKeySource: design.apiKeySource,
      endpointConfiguration: { types: [design.endpointType] },
      policy: design.policy ?? undefined,
      disableExecuteApiEndpoint: design.disableExecuteApiEndpoint || undefined,
    }),
  };
}

/** Patch operations for the API-level settings; AWS's defaults stand in for fields the live API leaves out. */
function restApiSettingOps(a: AwsRestApi, design: ApiDesign): PatchOp[] {
  const ops: PatchOp[] = [
    ...scalarOps("/name", a.name, design.name),
    ...scalarOps("/description", a.description, design.description),
    ...listOps("/binaryMediaTypes", a.binaryMediaTypes, design.binaryMediaTypes, "path"),
    ...scalarOps(
      "/minimumCompressionSize",
      a.minimumCompressionSize === undefined ? undefined : String(a.minimumCompressionSize),
      design.minimumCompressionSize === null ? undefined : String(design.minimumCompressionSize),
    ),
    ...scalarOps("/apiKeySource", a.apiKeySource ?? "HEADER", design.apiKeySource),
    ...(sameJsonText(a.policy, design.policy) ? [] : [{ op: "replace" as const, path: "/policy", value: design.policy ?? undefined }]),
    ...scalarOps("/disableExecuteApiEndpoint", String(a.disableExecuteApiEndpoint ?? false), String(design.disableExecuteApiEndpoint)),
  ];
  const endpointType = endpointTypeOp(a, design);
  if (endpointType) ops.push(endpointType);
  return ops;
}

/** The endpoint type is changed by replacing the live one in the path (`/endpointConfiguration/types/EDGE`). */
export function endpointTypeOp(a: AwsRestApi, design: ApiDesign): PatchOp | null {
  const liveType = a.endpointConfiguration?.types?.[0];
  return liveType && liveType !== design.endpointType ? { op: "replace", path: `/endpointConfiguration/types/${liveType}`, value: design.endpointType } : null;
}
