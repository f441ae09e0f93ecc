/**
 * The local gateway: every deployed stage served over plain HTTP at `/gw/{api}/{stage}/{path}`
 * (scripts/start.mjs hands those paths to node-handler.ts; app/gw under `next dev`), with the stage's variables, canary split, API-key check and method throttling.
 * No React or Next here; the route handler is a thin adapter.
 */
export { chooseCanary, seededRandom, type CanaryChoice } from "./canary";
export { consoleGatewayOptions } from "./console";
export { answerExchange, answerHasNoBody, type ExchangeOptions, type GatewayExchange, type GatewayLocation, headerMapsFromPairs } from "./exchange";
export { answerHeaderEntries, readBodyCapped, responseBodyBytes, responseHeaders, withoutCookies } from "./http";
export { consoleLocator, singleStageLocator } from "./locate";
export { createNodeGatewayHandler, type NodeHandler, nodeExchange, writeNodeAnswer } from "./node-handler";
export {
  forbidden,
  internalError,
  MAX_PAYLOAD_BYTES,
  serveGatewayRequest,
  serveStageTarget,
  type GatewayRequest,
  type GatewayResult,
  type ServeOptions,
} from "./serve";
export { normaliseMethodSettingKey, parseStageSettings, throttleFor, type CanarySettings, type StageSettings, type ThrottleLimits } from "./settings";
export { clearSnapshotCache, resolveStageTarget, resolveStageTargetCached, settleStageRefreshes, STAGE_CACHE_MS, type StageTarget } from "./target";
export { defaultThrottles, ThrottleRegistry, type ThrottleClock } from "./throttle";
