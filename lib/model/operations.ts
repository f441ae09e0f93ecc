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
import { NotFoundError, ValidationError, fromZod } from "../errors";
import { newEntityId } from "./ids";
import {
  type ApiSettingsInput,
  checkApiSettings,
  checkIntegration,
  checkIntegrationForMethod,
  checkIntegrationResponse,
  checkIntegrationResponseMappings,
  checkMethodRequest,
  checkMethodResponse,
  checkPathPart,
  isGreedyPart,
  pathParameterNames,
} from "./rules";
import { checkApiName } from "./rules";
import { findResource, resourcePath, subtreeIds } from "./tree";

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

export type ApiSettings = Pick<
  ApiDesign,
  "name" | "description" | "endpointType" | "binaryMediaTypes" | "minimumCompressionSize" | "apiKeySource" | "policy" | "disableExecuteApiEndpoint"
>;

/** Changes the API's own settings (AWS UpdateRestApi). Omitted fields keep their value; `null` clears compression or the policy. */
export function updateApiSettings(design: ApiDesign, changes: Partial<ApiSettings>): ApiDesign {
  const trimmed: Partial<ApiSettings> = { ...changes };
  if (changes.name !== undefined) trimmed.name = changes.name.trim();
  if (changes.description !== undefined) trimmed.description = changes.description.trim();
  if (changes.binaryMediaTypes) trimmed.binaryMediaTypes = changes.binaryMediaTypes.map((t) => t.trim()).filter(Boolean);
  if (changes.policy !== undefined) trimmed.policy = changes.policy?.trim() ? changes.policy.trim() : null;
  const issues = checkApiSettings(trimmed as ApiSettingsInput);
  if (issues.length) throw new ValidationError(issues);
  const next = clone(design);
  Object.assign(next, Object.fromEntries(Object.entries(trimmed).filter(([, v]) => v !== undefined)));
  return next;
}

/** Methods below `ids` that declare a path parameter their (new) path no longer has. */
function danglingPathParameters(design: ApiDesign, ids: string[], field: string) {
  const issues: { field: string; message: string }[] = [];
  for (const id of ids) {
    const r = findResource(design, id)!;
    const path = resourcePath(design, r);
    const names = pathParameterNames(path);
    for (const [verb, m] of Object.entries(r.methods)) {
      for (const key of Object.keys(m.requestParameters)) {
        const name = /^method\.request\.path\.(.+)$/.exec(key)?.[1];
        if (name && !names.includes(name)) {
          issues.push({
            field,
            message: `${verb} ${path} uses path parameter ${name}, which would no longer be in its path: remove it from that method first`,
          });
        }
      }
    }
  }
  return issues;
}

/** Changes one resource's path part (AWS UpdateResource /pathPart); everything below it moves along. */
export function renameResource(design: ApiDesign, resourceId: string, newPathPart: string): ApiDesign {
  const r = resourceOrThrow(design, resourceId);
  if (r.parentId === null) throw new ValidationError([{ field: "pathPart", message: "The root resource / has no path part to rename" }]);
  const pathPart = newPathPart.trim();
  if (pathPart === r.pathPart) throw new ValidationError([{ field: "pathPart", message: `The resource is already named ${pathPart}` }]);
  const issues = checkPathPart(design, r.parentId, pathPart, r.id);
  if (!issues.length && isGreedyPart(pathPart) && design.resources.some((c) => c.parentId === r.id)) {
    issues.push({ field: "pathPart", message: `A greedy path variable ${pathPart} must be the last part of a path, and this resource has child resources` });
  }
  if (issues.length) throw new ValidationError(issues);
  const next = clone(design);
  findResource(next, resourceId)!.pathPart = pathPart;
  const dangling = danglingPathParameters(next, subtreeIds(next, resourceId), "pathPart");
  if (dangling.length) throw new ValidationError(dangling);
  return next;
}

/** Re-parents a resource with everything below it (no AWS call does this: a push recreates the subtree). */
export function moveResource(design: ApiDesign, resourceId: string, newParentId: string): ApiDesign {
  const r = resourceOrThrow(design, resourceId);
  if (r.parentId === null) throw new ValidationError([{ field: "parentId", message: "The root resource / cannot be moved" }]);
  if (!findResource(design, newParentId)) throw new ValidationError([{ field: "parentId", message: "The new parent resource does not exist" }]);
  if (newParentId === r.parentId) throw new ValidationError([{ field: "parentId", message: "The resource is already under this parent" }]);
  const subtree = subtreeIds(design, resourceId);
  if (subtree.includes(newParentId)) {
    throw new ValidationError([{ field: "parentId", message: `Cannot move ${resourcePath(design, r)} under itself or one of its own child resources` }]);
  }
  // Same checks as creating it there: syntax, a greedy parent, a sibling with that name, a second {param}.
  const issues = checkPathPart(design, newParentId, r.pathPart, r.id).map((i) => (i.field === "pathPart" ? { field: "parentId", message: i.message } : i));
  if (issues.length) throw new ValidationError(issues);
  const next = clone(design);
  findResource(next, resourceId)!.parentId = newParentId;
  const dangling = danglingPathParameters(next, subtree, "parentId");
  if (dangling.length) throw new ValidationError(dangling);
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
  if (!parsed.success) throw fromZod(parsed.error, "method");
  checkMethodReferences(next, resource, parsed.data);
  resource.methods[input.httpMethod] = parsed.data;
  return next;
}

/** Changes a method's request settings, keeping its integration and responses. */
export function updateMethod(design: ApiDesign, resourceId: string, httpMethod: string, changes: Partial<MethodInput>): ApiDesign {
  const next = clone(design);
  const resource = resourceOrThrow(next, resourceId);
  const current = methodOrThrow(resource, httpMethod);
  const merged = { ...current, ...changes, httpMethod };
  // Switching to NONE or AWS_IAM drops the authorizer (and scopes) unless the change names them.
  if (changes.authorizationType && changes.authorizationType !== "CUSTOM" && changes.authorizationType !== "COGNITO_USER_POOLS") {
    if (!changes.authorizerId) delete merged.authorizerId;
    if (!changes.authorizationScopes?.length) merged.authorizationScopes = [];
  }
  const parsed = methodSchema.safeParse(merged);
  if (!parsed.success) throw fromZod(parsed.error, "method");
  checkMethodReferences(next, resource, parsed.data);
  if (parsed.data.integration) {
    // A parameter the integration maps from or caches on cannot be removed from under it.
    const issues = checkIntegrationForMethod(parsed.data.integration, parsed.data);
    if (issues.length)
      throw new ValidationError(
        issues.map((i) => ({ field: "method.requestParameters", message: `${i.message} (the integration uses it: change its mappings first)` })),
      );
  }
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
  if (!parsed.success) throw fromZod(parsed.error, "integration");
  const issues = [...checkIntegration(parsed.data), ...checkIntegrationForMethod(parsed.data, method)];
  if (issues.length) throw new ValidationError(issues);
  method.integration = parsed.data;
  return next;
}

export function putIntegrationResponse(design: ApiDesign, resourceId: string, httpMethod: string, input: IntegrationResponse): ApiDesign {
  const next = clone(design);
  const method = methodOrThrow(resourceOrThrow(next, resourceId), httpMethod);
  if (!method.integration) throw new ValidationError([{ field: "integration", message: "Set up the integration before its responses" }]);
  const parsed = integrationResponseSchema.safeParse({ ...input, selectionPattern: input.selectionPattern || undefined });
  if (!parsed.success) throw fromZod(parsed.error, "integrationResponse");
  const issues = [
    ...checkIntegrationResponse(parsed.data, "integrationResponse"),
    ...checkIntegrationResponseMappings(parsed.data, method.methodResponses[parsed.data.statusCode]),
  ];
  if (!method.methodResponses[parsed.data.statusCode]) {
    issues.push({
      field: "integrationResponse.statusCode",
      message: `Add method response ${parsed.data.statusCode} first: an integration response maps onto a method response`,
    });
  }
  if (!parsed.data.selectionPattern) {
    const otherDefault = Object.values(method.integration.integrationResponses).find((r) => !r.selectionPattern && r.statusCode !== parsed.data.statusCode);
    if (otherDefault)
      issues.push({
        field: "integrationResponse.selectionPattern",
        message: `Response ${otherDefault.statusCode} is already the default; give this one a selection pattern`,
      });
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
  if (!parsed.success) throw fromZod(parsed.error, "methodResponse");
  const issues = checkMethodResponse(next, parsed.data);
  const mapped = method.integration?.integrationResponses[parsed.data.statusCode];
  if (!issues.length && mapped) {
    // Dropping a header that the integration response still maps onto would leave a dangling mapping.
    issues.push(...checkIntegrationResponseMappings(mapped, parsed.data).map((i) => ({ field: "methodResponse.responseParameters", message: i.message })));
  }
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

function checkMethodReferences(design: ApiDesign, resource: Resource, method: Method): void {
  const issues = checkMethodRequest(design, resourcePath(design, resource), method);
  if (issues.length) throw new ValidationError(issues);
}
