/**
 * Parsing a large YAML document takes seconds (the `yaml` package reads ~1 MB/s; a 2.3 MB preview
 * held the server's event loop for 3 s), so the server parses YAML over 64 KB in a worker thread:
 * other requests keep being answered meanwhile. JSON.parse is fast (~20 ms/MB) and stays inline.
 * The worker is plain JavaScript (evaluated from this string) that loads `yaml` from node_modules,
 * so it needs no bundler support; it runs with a memory cap and a time limit.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { DesignLoadError, parseDocumentSyntax, parseDocumentText } from "./load";
import { documentDepthSteps, documentSizeProblem, MAX_YAML_ALIASES } from "./limits";
import { runStepsYielding } from "./steps";

/** Below this, parsing on the calling thread is quicker than starting a worker. */
export const OFF_THREAD_MIN_BYTES = 64 * 1024;
const WORKER_TIME_LIMIT_MS = 60_000;
const WORKER_MEMORY_MB = 512;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { parse } = require(workerData.yamlPath);
try {
  parentPort.postMessage({ ok: true, value: parse(workerData.text, { prettyErrors: true, maxAliasCount: workerData.maxAliases }) });
} catch (e) {
  const pos = e && e.linePos && e.linePos[0];
  parentPort.postMessage({ ok: false, message: String((e && e.message) || e).split("\\n")[0], line: pos && pos.line, col: pos && pos.col });
}`;

type WorkerAnswer = { ok: true; value: unknown } | { ok: false; message: string; line?: number; col?: number };

/** Where `yaml` is installed: from the working directory (the server's), else next to this file. */
function yamlModulePath(): string | undefined {
  for (const base of [join(process.cwd(), "package.json"), import.meta.url]) {
    try {
      return createRequire(base).resolve("yaml");
    } catch {
      // try the next place
    }
  }
  return undefined;
}

function looksLikeJson(text: string, file: string): boolean {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  return !/\.ya?ml$/i.test(file) && (trimmed.startsWith("{") || trimmed.startsWith("[") || /\.json$/i.test(file));
}

/**
 * As parseDocumentText (same errors, same limits), but large YAML is parsed in a worker thread,
 * and a large document's depth check hands the event loop back as it goes.
 */
export async function parseDocumentTextOffThread(text: string, file: string): Promise<unknown> {
  const tooBig = documentSizeProblem(Buffer.byteLength(text, "utf8"));
  if (tooBig) throw new DesignLoadError(file, tooBig);
  if (text.length < OFF_THREAD_MIN_BYTES) return parseDocumentText(text, file);
  const yamlPath = looksLikeJson(text, file) ? undefined : yamlModulePath();
  if (!yamlPath) return withDepthChecked(parseDocumentSyntax(text, file), file);
  const answer = await parseInWorker(text.replace(/^\uFEFF/, "").trimStart(), yamlPath, file);
  if (!answer.ok) {
    const where = answer.line ? ` (line ${answer.line}, column ${answer.col})` : "";
    throw new DesignLoadError(file, `invalid YAML${where}: ${answer.message}`);
  }
  return withDepthChecked(answer.value, file);
}

/** The depth check visits every value (hundreds of thousands in 6 MB), so it runs in slices. */
async function withDepthChecked(value: unknown, file: string): Promise<unknown> {
  const tooDeep = await runStepsYielding(documentDepthSteps(value));
  if (tooDeep) throw new DesignLoadError(file, tooDeep);
  return value;
}

function parseInWorker(text: string, yamlPath: string, file: string): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { text, yamlPath, maxAliases: MAX_YAML_ALIASES },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new DesignLoadError(file, `reading the YAML took longer than ${WORKER_TIME_LIMIT_MS / 1000} s; nothing was imported`));
    }, WORKER_TIME_LIMIT_MS);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      settle();
      void worker.terminate();
    };
    worker.once("message", (answer: WorkerAnswer) => finish(() => resolve(answer)));
    worker.once("error", (e) => finish(() => reject(new DesignLoadError(file, `the YAML could not be read: ${e.message}`))));
  });
}
