/** Renders a request or response mapping template with what the invocation knows so far. */
import type { TemplateResult } from "../template/types";
import type { InvocationContext } from "./context";
import { configurationError } from "./errors";

export function renderMapping(ctx: InvocationContext, template: string, body: string, direction: "request" | "response"): TemplateResult {
  const request = ctx.request!;
  try {
    return ctx.options.render({
      template,
      body,
      params: { path: { ...ctx.pathParameters }, querystring: { ...request.querystring }, header: { ...request.headers } },
      context: ctx.contextVariables,
      stageVariables: ctx.stageVariables,
    });
  } catch (e) {
    // AWS answers a template failure as a configuration error (500) and logs why.
    const err = configurationError(`Unable to transform ${direction}`);
    err.logLines.push(`Mapping template error: ${(e as Error).message}`);
    throw err;
  }
}
