/**
 * Edits to a design. Each takes a design and returns a new one (never mutates its input),
 * or throws a ValidationError listing what AWS would reject. Callers persist the result
 * through the audited mutation path (lib/audit).
 */
import {
  type ApiDesign,
  type HttpMethod,
  type Integration,
  type IntegrationResponse,
  type Method,
  type MethodResponse,
  type Resource,
  integrationResponseSchema,
  integrationSchema,
  methodResponseSchema,
  methodSchema,
} from "./design";
import { NotFoundError, ValidationError } from "./errors";
import { newEntityId } from "./ids";
import { checkApiName, checkIntegration, checkIntegrationResponse, checkPathPart, checkStatusCode } from "./rules";
import { findResource, subtreeIds } from "./tree";

export function newDesign(input: { name: string; description?: string }): ApiDesign {
  const issues = checkApiName(input.name);
  if (issues.length) throw new ValidationError(issues);
  return {
    name: input.name.trim(),
    description: input.description?.trim() ?? "",
    endpointType: "REGIONAL",
    binaryMediaTypes: [],
    minimumCompressionSize: null,
    apiKeySource: "HEADER",
    policy: null,
    disableExecuteApiEndpoint: false,
    resources: [{ id: newEntityId(), parentId: null, pathPart: "", methods: {} }],
    models: [],
    requestValidators: [],
    authorizers: [],
    gatewayResponses: [],
  };
}

function clone(design: ApiDesign): ApiDesign {
  return structuredClone(design);
}

function resourceOrThrow(design: ApiDesign, resourceId: string): Resource {
  const r = findResource(design, resourceId);
  if (!r) throw new NotFoundError(`Resource ${resourceId}`);
  return r;
}

function methodOrThrow(resource: Resource, httpMethod: string): Method {
  const m = resource.methods[httpMethod];
  if (!m) throw new NotFoundError(`Method ${httpMethod} on resource ${resource.id}`);
  return m;
}

export function addResource(design: ApiDesign, input: { parentId: string; pathPart: string }): { design: ApiDesign; resource: Resource } {
  const pathPart = input.pathPart.trim();
  const issues = checkPathPart(design, input.parentId, pathPart);
  if (issues.length) throw new ValidationError(issues);
  const next = clone(design);
  const resource: Resource = { id: newEntityId(), parentId: input.parentId, pathPart, methods: {} };
  next.resources.push(resource);
  return { design: next, resource };
}

/**
 * Adds every missing segment of a full path (`/pets/{id}`) under the root, as the console's
 * "add resource by path" does. Returns the deepest resource.
 */
export function addResourcePath(design: ApiDesign, path: string): { design: ApiDesign; resource: Resource } {
  const segments = path.split("/").filter(Boolean);
  if (segments.length === 0) throw new ValidationError([{ field: "path", message: "Enter a path below /, such as /pets/{id}" }]);
  let current = design;
  let parent = current.resources.find((r) => r.parentId === null)!;
  for (const segment of segments) {
    const existing = current.resources.find((r) => r.parentId === parent.id && r.pathPart === segment);
    if (existing) {
      parent = existing;
      continue;
    }
    try {
      const added = addResource(current, { parentId: parent.id, pathPart: segment });
      current = added.design;
      parent = added.resource;
    } catch (e) {
      if (e instanceof ValidationError) {
        throw new ValidationError(e.issues.map((i) => ({ field: "path", message: `${segment}: ${i.message}` })));
      }
      throw e;
    }
  }
  if (current === design) throw new ValidationError([{ field: "path", message: `Resource ${path} already exists` }]);
  return { design: current, resource: parent };
}

export function deleteResource(design: ApiDesign, resourceId: string): ApiDesign {
  const r = resourceOrThrow(design, resourceId);
  if (r.parentId === null) throw new ValidationError([{ field: "resourceId", message: "The root resource cannot be deleted" }]);
  const doomed = new Set(subtreeIds(design, resourceId));
  const next = clone(design);
  next.resources = next.resources.filter((x) => !doomed.has(x.id));
  return next;
}

export type MethodInput = Omit<Partial<Method>, "integration" | "methodResponses"> & { httpMethod: HttpMethod };

/** Creates a method (AWS PutMethod). A method that exists already is an error, as in AWS. */
export function putMethod(design: ApiDesign, resourceId: string, input: MethodInput): ApiDesign {
  const next = clone(design);
  const resource = resourceOrThrow(next, resourceId);
  if (resource.methods[input.httpMethod]) {
    throw new ValidationError([{ field: "httpMethod", message: `Method ${input.httpMethod} already exists on this resource` }]);
  }
  const parsed = methodSchema.safeParse({ ...input, methodResponses: {} });
  if (!parsed.success) throw zodToValidation(parsed.error, "method");
  checkMethodReferences(next, parsed.data);
  resource.methods[input.httpMethod] = parsed.data;
  return next;
}

/** Changes a method's request settings, keeping its integration and responses. */
export function updateMethod(design: ApiDesign, resourceId: string, httpMethod: string, changes: Partial<MethodInput>): ApiDesign {
  const next = clone(design);
  const resource = resourceOrThrow(next, resourceId);
  const current = methodOrThrow(resource, httpMethod);
  const parsed = methodSchema.safeParse({ ...current, ...changes, httpMethod });
  if (!parsed.success) throw zodToValidation(parsed.error, "method");
  checkMethodReferences(next, parsed.data);
  resource.methods[httpMethod] = parsed.data;
  return next;
}

export function deleteMethod(design: ApiDesign, resourceId: string, httpMethod: string): ApiDesign {
  const next = clone(design);
  const resource = resourceOrThrow(next, resourceId);
  methodOrThrow(resource, httpMethod);
  delete resource.methods[httpMethod];
  return next;
}

export type IntegrationInput = Omit<Partial<Integration>, "integrationResponses"> & { type: Integration["type"] };

/** Sets a method's integration (AWS PutIntegration), keeping its integration responses. */
export function putIntegration(design: ApiDesign, resourceId: string, httpMethod: string, input: IntegrationInput): ApiDesign {
  const next = clone(design);
  const method = methodOrThrow(resourceOrThrow(next, resourceId), httpMethod);
  const parsed = integrationSchema.safeParse({ ...input, integrationResponses: method.integration?.integrationResponses ?? {} });
  if (!parsed.success) throw zodToValidation(parsed.error, "integration");
  const issues = checkIntegration(parsed.data);
  if (issues.length) throw new ValidationError(issues);
  method.integration = parsed.data;
  return next;
}

export function putIntegrationResponse(design: ApiDesign, resourceId: string, httpMethod: string, input: IntegrationResponse): ApiDesign {
  const next = clone(design);
  const method = methodOrThrow(resourceOrThrow(next, resourceId), httpMethod);
  if (!method.integration) throw new ValidationError([{ field: "integration", message: "Set up the integration before its responses" }]);
  const parsed = integrationResponseSchema.safeParse({ ...input, selectionPattern: input.selectionPattern || undefined });
  if (!parsed.success) throw zodToValidation(parsed.error, "integrationResponse");
  const issues = checkIntegrationResponse(parsed.data, "integrationResponse");
  if (!method.methodResponses[parsed.data.statusCode]) {
    issues.push({ field: "integrationResponse.statusCode", message: `Add method response ${parsed.data.statusCode} first: an integration response maps onto a method response` });
  }
  if (!parsed.data.selectionPattern) {
    const otherDefault = Object.values(method.integration.integrationResponses).find((r) => !r.selectionPattern && r.statusCode !== parsed.data.statusCode);
    if (otherDefault) issues.push({ field: "integrationResponse.selectionPattern", message: `Response ${otherDefault.statusCode} is already the default; give this one a selection pattern` });
  }
  if (issues.length) throw new ValidationError(issues);
  method.integration.integrationResponses[parsed.data.statusCode] = parsed.data;
  return next;
}

export function deleteIntegrationResponse(design: ApiDesign, resourceId: string, httpMethod: string, statusCode: string): ApiDesign {
  const next = clone(design);
  const method = methodOrThrow(resourceOrThrow(next, resourceId), httpMethod);
  if (!method.integration?.integrationResponses[statusCode]) throw new NotFoundError(`Integration response ${statusCode}`);
  delete method.integration.integrationResponses[statusCode];
  return next;
}

export function putMethodResponse(design: ApiDesign, resourceId: string, httpMethod: string, input: MethodResponse): ApiDesign {
  const next = clone(design);
  const method = methodOrThrow(resourceOrThrow(next, resourceId), httpMethod);
  const parsed = methodResponseSchema.safeParse(input);
  if (!parsed.success) throw zodToValidation(parsed.error, "methodResponse");
  const issues = checkStatusCode(parsed.data.statusCode, "methodResponse.statusCode");
  if (issues.length) throw new ValidationError(issues);
  method.methodResponses[parsed.data.statusCode] = parsed.data;
  return next;
}

export function deleteMethodResponse(design: ApiDesign, resourceId: string, httpMethod: string, statusCode: string): ApiDesign {
  const next = clone(design);
  const method = methodOrThrow(resourceOrThrow(next, resourceId), httpMethod);
  if (!method.methodResponses[statusCode]) throw new NotFoundError(`Method response ${statusCode}`);
  if (method.integration?.integrationResponses[statusCode]) {
    throw new ValidationError([{ field: "statusCode", message: `Integration response ${statusCode} maps onto this method response; delete it first` }]);
  }
  delete method.methodResponses[statusCode];
  return next;
}

function checkMethodReferences(design: ApiDesign, method: Method): void {
  const issues = [];
  if (method.authorizationType === "CUSTOM" || method.authorizationType === "COGNITO_USER_POOLS") {
    if (!method.authorizerId || !design.authorizers.some((a) => a.id === method.authorizerId)) {
      issues.push({ field: "method.authorizerId", message: "Choose an authorizer that exists in this API" });
    }
  }
  if (method.requestValidatorId && !design.requestValidators.some((v) => v.id === method.requestValidatorId)) {
    issues.push({ field: "method.requestValidatorId", message: "Invalid Request Validator identifier specified" });
  }
  for (const [ct, modelName] of Object.entries(method.requestModels)) {
    if (!design.models.some((m) => m.name === modelName)) {
      issues.push({ field: `method.requestModels.${ct}`, message: `Invalid model identifier specified: ${modelName}` });
    }
  }
  for (const key of Object.keys(method.requestParameters)) {
    if (!/^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.[^\s]+$/.test(key)) {
      issues.push({ field: `method.requestParameters.${key}`, message: "Parameter names look like method.request.{path|querystring|header}.NAME" });
    }
  }
  if (issues.length) throw new ValidationError(issues);
}

function zodToValidation(error: import("zod").ZodError, prefix: string): ValidationError {
  return new ValidationError(
    error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].join("."), message: i.message })),
  );
}
