/**
 * Every react-query key, one place per resource, so a component that changes data invalidates
 * exactly what another one reads. Keys nest: invalidating `api.all(id)` refetches everything of that API.
 */
export const queryKeys = {
  api: {
    all: (apiId: string) => ["api", apiId] as const,
    /** The draft design with its version (the designer's optimistic-concurrency base). */
    draft: (apiId: string) => ["api", apiId, "draft"] as const,
    invokeCapabilities: (apiId: string) => ["api", apiId, "invoke-capabilities"] as const,
  },
  testCases: {
    all: (apiId: string) => ["api", apiId, "testcases"] as const,
    method: (apiId: string, resourcePath: string, httpMethod: string) => ["api", apiId, "testcases", resourcePath, httpMethod] as const,
  },
  /** The command palette's list of APIs, resources, methods and stages (refetched on every open). */
  palette: () => ["palette"] as const,
  openapi: {
    export: (apiId: string, format: string, deploymentId: string, awsShape: boolean) => ["openapi-export", apiId, format, deploymentId, awsShape] as const,
  },
};
