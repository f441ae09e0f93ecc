/** A method's responses, by status code: put when new, patched when changed, deleted when the design drops them. */
import type { MethodResponse as AwsMethodResponse } from "@aws-sdk/client-api-gateway";
import type { MethodResponse } from "../../model/design";
import { type PatchOp, compact, mapOps } from "../diff";
import { type MethodKey, fieldsOf } from "./context";
import type { PlannedCall } from "./types";

export function putMethodResponse(m: MethodKey, target: string, mr: MethodResponse, replacing: boolean): PlannedCall {
  return {
    operation: "PutMethodResponse",
    target,
    description: `${replacing ? "Replace" : "Add"} method response ${mr.statusCode} of ${target}`,
    kind: replacing ? "update" : "create",
    params: compact({ ...m, statusCode: mr.statusCode, responseParameters: mr.responseParameters, responseModels: mr.responseModels }),
  };
}

/** Every method response of a new method, by status code. */
export function putMethodResponses(m: MethodKey, target: string, want: Record<string, MethodResponse>): PlannedCall[] {
  return Object.keys(want)
    .sort()
    .map((code) => putMethodResponse(m, target, want[code], false));
}

function diffMethodResponse(l: AwsMethodResponse, want: MethodResponse): PatchOp[] {
  return [...mapOps("/responseParameters", l.responseParameters, want.responseParameters), ...mapOps("/responseModels", l.responseModels, want.responseModels)];
}

/** From the live method's responses to the design's: adds and updates by status code, then deletes. */
export function planMethodResponses(
  m: MethodKey,
  target: string,
  live: Record<string, AwsMethodResponse>,
  want: Record<string, MethodResponse>,
): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const code of Object.keys(want).sort()) {
    const l = live[code];
    if (!l) {
      calls.push(putMethodResponse(m, target, want[code], false));
      continue;
    }
    const ops = diffMethodResponse(l, want[code]);
    if (ops.length)
      calls.push({
        operation: "UpdateMethodResponse",
        target,
        description: `Update method response ${code} of ${target} (${fieldsOf(ops)})`,
        kind: "update",
        params: { ...m, statusCode: code, patchOperations: ops },
      });
  }
  for (const code of Object.keys(live).sort())
    if (!(code in want))
      calls.push({
        operation: "DeleteMethodResponse",
        target,
        description: `Delete method response ${code} of ${target}`,
        kind: "delete",
        params: { ...m, statusCode: code },
      });
  return calls;
}
