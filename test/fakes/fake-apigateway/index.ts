/** FAKE API Gateway control plane for tests and e2e runs (never shipped in the product). */
export { startFakeApiGateway } from "./server";
export { FAKE_ACCOUNT_ID } from "./handlers";
export type { FakeApiGateway, FakeApiGatewayOptions, FaultRule, FaultError, RecordedCall } from "./server";
export { FakeState } from "./state";
export { AWS_OPERATION_QUOTAS, AWS_TOTAL_QUOTA, type FakeQuota } from "./quotas";
