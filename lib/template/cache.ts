/**
 * The bounded cache of parsed-and-compiled templates, keyed by template text. A Map keyed by
 * the text is a content-hash table whose "hash" V8 computes once per string and whose hits
 * compare the full text, so two different templates can never share an entry. Least recently
 * used out first, so a gateway serving more than `capacity` templates keeps its busiest ones.
 */
import { compiledBlock } from "./compile";
import { LruCache } from "./lru";
import { parseTemplate, type Template } from "./parser";

export { LruCache };

/** How many templates stay compiled (a realistic stage has tens; 500 is a large account's worth). */
export const TEMPLATE_CACHE_SIZE = 500;
const templates = new LruCache<string, Template>(TEMPLATE_CACHE_SIZE);

/** The parsed template for this text, its top level compiled; parsed and compiled once while cached. */
export function cachedTemplate(text: string): Template {
  const hit = templates.get(text);
  if (hit) return hit;
  const parsed = parseTemplate(text);
  compiledBlock(parsed.nodes);
  templates.set(text, parsed);
  return parsed;
}

/** Number of cached templates (the benchmark reports memory per template from it). */
export const cachedTemplateCount = (): number => templates.size;

/** Empties the cache (tests and the benchmark's memory measurement). */
export const clearTemplateCache = (): void => templates.clear();
