/** Reads what is live in API Gateway for one REST API, with as few (quota-limited) calls as possible. */
import type {
  APIGatewayClient,
  Authorizer as AwsAuthorizer,
  Deployment as AwsDeployment,
  GatewayResponse as AwsGatewayResponse,
  Model as AwsModel,
  RequestValidator as AwsRequestValidator,
  Resource as AwsResource,
  RestApi as AwsRestApi,
  Stage as AwsStage,
} from "@aws-sdk/client-api-gateway";
import { callApiGateway } from "./client";
import type { ApiGatewayLimiter } from "./limiter";

export interface LiveApi {
  restApi: AwsRestApi;
  /** Every resource with its methods embedded (GetResources embed=methods). */
  resources: AwsResource[];
  models: AwsModel[];
  requestValidators: AwsRequestValidator[];
  authorizers: AwsAuthorizer[];
  /** Customised gateway responses only (defaultResponse false). */
  gatewayResponses: AwsGatewayResponse[];
}

export function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return !!err && (err.name === "NotFoundException" || err.$metadata?.httpStatusCode === 404);
}

type Opts = { limiter?: ApiGatewayLimiter };

async function paginate<T>(client: APIGatewayClient, operation: string, input: Record<string, unknown>, opts: Opts): Promise<T[]> {
  const out: T[] = [];
  let position: string | undefined;
  do {
    const page = await callApiGateway<{ items?: T[]; position?: string }>(client, operation, { ...input, limit: 500, ...(position ? { position } : {}) }, opts);
    out.push(...(page.items ?? []));
    position = page.position;
  } while (position);
  return out;
}

/** The live REST API, or null if there is none with this id. */
export async function readLiveApi(client: APIGatewayClient, restApiId: string, opts: Opts = {}): Promise<LiveApi | null> {
  let restApi: AwsRestApi;
  try {
    restApi = await callApiGateway<AwsRestApi>(client, "GetRestApi", { restApiId }, opts);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
  const resources = await paginate<AwsResource>(client, "GetResources", { restApiId, embed: ["methods"] }, opts);
  const models = await paginate<AwsModel>(client, "GetModels", { restApiId }, opts);
  const requestValidators = await paginate<AwsRequestValidator>(client, "GetRequestValidators", { restApiId }, opts);
  const authorizers = await paginate<AwsAuthorizer>(client, "GetAuthorizers", { restApiId }, opts);
  const gatewayResponses = (await paginate<AwsGatewayResponse>(client, "GetGatewayResponses", { restApiId }, opts)).filter((g) => g.defaultResponse !== true);
  return { restApi, resources, models, requestValidators, authorizers, gatewayResponses };
}

export async function readStage(client: APIGatewayClient, restApiId: string, stageName: string, opts: Opts = {}): Promise<AwsStage | null> {
  try {
    return await callApiGateway<AwsStage>(client, "GetStage", { restApiId, stageName }, opts);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** Every REST API in the connection's account and Region (GetRestApis, 500 per page). */
export async function listLiveRestApis(client: APIGatewayClient, opts: Opts = {}): Promise<AwsRestApi[]> {
  return paginate<AwsRestApi>(client, "GetRestApis", {}, opts);
}

/** A REST API's stages with all their settings (GetStages is not paginated). */
export async function readLiveStages(client: APIGatewayClient, restApiId: string, opts: Opts = {}): Promise<AwsStage[]> {
  const out = await callApiGateway<{ item?: AwsStage[] }>(client, "GetStages", { restApiId }, opts);
  return out.item ?? [];
}

/** A REST API's deployments (ids, descriptions, dates; AWS keeps no readable definition per deployment). */
export async function readLiveDeployments(client: APIGatewayClient, restApiId: string, opts: Opts = {}): Promise<AwsDeployment[]> {
  return paginate<AwsDeployment>(client, "GetDeployments", { restApiId }, opts);
}
