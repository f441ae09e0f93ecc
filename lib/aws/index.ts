/** The AWS adapter: API Gateway client, quota limiter, connection test and push. */
export { AssumeRoleUnavailableError, callApiGateway, createApiGatewayClient, limiterFor, setLimiter, type AwsConnection } from "./client";
export {
  API_GATEWAY_QUOTAS,
  API_GATEWAY_TOTAL_QUOTA,
  ApiGatewayLimiter,
  ManualClock,
  ThrottledError,
  isThrottlingError,
  retryAfterMs,
  systemClock,
  type Clock,
  type LimiterOptions,
  type Quota,
} from "./limiter";
export { isNotFound, readLiveApi, readStage, type LiveApi } from "./live";
export type { PatchOp, Ref } from "./diff";
export {
  BUILT_IN_MODELS,
  PushError,
  executePush,
  modelsInDependencyOrder,
  planPush,
  push,
  type CallKind,
  type CallRecord,
  type ExecuteOptions,
  type PlanPushInput,
  type PlannedCall,
  type PushPlan,
  type PushResult,
} from "./push";
export { KNOWN_REGIONS, testConnection, type ConnectionCheck, type ConnectionCheckName, type ConnectionTestResult } from "./test-connection";
