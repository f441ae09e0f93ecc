/**
 * The test panel's path parameters: a resource path such as `/orders/{orderId}` has one input per
 * `{param}` (and `{proxy+}`), and the request path is composed from them. A parameter left empty
 * stays as its `{name}` placeholder, so the Path field shows what is still to fill.
 */
import { isGreedyPart, isParamPart } from "../model/rules";

export interface PathParameter {
  name: string;
  /** `{proxy+}`: takes the rest of the path, slashes included. */
  greedy: boolean;
}

const segmentsOf = (path: string) => path.split("/").filter((s) => s !== "");

function parameterOf(segment: string): PathParameter | null {
  if (isGreedyPart(segment)) return { name: segment.slice(1, -2), greedy: true };
  if (isParamPart(segment)) return { name: segment.slice(1, -1), greedy: false };
  return null;
}

/** The resource path's parameters, in path order. */
export function pathParameters(resourcePath: string): PathParameter[] {
  return segmentsOf(resourcePath)
    .map(parameterOf)
    .filter((p): p is PathParameter => p !== null);
}

// Decoding as API Gateway does before it hands the value to the method; a bad escape stays as typed.
function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The request path for these values: each encoded as one path segment (a greedy one keeps its slashes). */
export function composePath(resourcePath: string, values: Record<string, string>): string {
  const parts = segmentsOf(resourcePath).map((segment) => {
    const param = parameterOf(segment);
    const value = param ? (values[param.name] ?? "") : "";
    if (!param || value === "") return segment;
    return param.greedy ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
  });
  return `/${parts.join("/")}`;
}

/**
 * The parameter values a path holds, read against the resource path; a segment still showing its
 * `{name}` placeholder reads as empty. Null when the path does not follow the resource path (the
 * tester typed another path on purpose).
 */
export function readPathParameters(resourcePath: string, path: string): Record<string, string> | null {
  const template = segmentsOf(resourcePath);
  const actual = segmentsOf(path.split("?")[0]);
  const values: Record<string, string> = {};
  for (const [i, segment] of template.entries()) {
    const param = parameterOf(segment);
    if (param?.greedy) {
      const rest = actual.slice(i);
      if (rest.length === 0) return null;
      values[param.name] = rest.length === 1 && rest[0] === segment ? "" : rest.map(decode).join("/");
      return values;
    }
    if (i >= actual.length) return null;
    if (param) values[param.name] = actual[i] === segment ? "" : decode(actual[i]);
    else if (decode(actual[i]) !== segment) return null;
  }
  return actual.length === template.length ? values : null;
}

/**
 * The path the test panel starts with: the first saved test case's path whose parameters are all
 * filled (the design holds no example values for path parameters), else the resource path itself,
 * its `{placeholders}` asking for values.
 */
export function startingPath(resourcePath: string, savedPaths: readonly string[]): string {
  for (const saved of savedPaths) {
    const values = readPathParameters(resourcePath, saved);
    if (values && Object.values(values).every((v) => v !== "")) return composePath(resourcePath, values);
  }
  return resourcePath;
}
