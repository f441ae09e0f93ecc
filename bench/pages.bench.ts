/**
 * Page weight and time to interactive of every console page, in Chromium, against issue #14's
 * budget: ≤ 250 KB gzip of JavaScript on first load, Monaco only once an editor is on screen.
 *
 * It serves the production build (`next start`; built first when missing or older than the sources,
 * as scripts/start.mjs does) from a dist dir of its own (.next-bench-pages, or GATEHOUSE_BENCH_DIST_DIR)
 * on a fresh embedded database, signs in with Playwright and Debian's Chromium (playwright.config.ts's
 * launch options), gives the seeded PetStore a deployment and a stage, then opens each page in a
 * fresh browser context (cold cache) and prints per page:
 * - first load: the gzip bytes of every script received before the load event (the HTML's
 *   `<script src>` chunks and anything hydration fetched before load), gzip level 6 of the body,
 *   whatever the server sent over the wire;
 * - after load: scripts received after the load event without any interaction, until the network
 *   is idle (Monaco used to arrive here);
 * - on action (designer only): scripts fetched when a method is opened and its editor is shown;
 * - interactive: ms from navigation start until every link, button and form field on the page is
 *   hydrated (carries React's fiber, so its handlers run), polled each animation frame.
 * Nothing here is a test: it prints PASS/OVER per page and never fails the run over a budget.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "@playwright/test";
import playwrightConfig from "../playwright.config";
import { BENCH_DIST_DIR, ensureBuild, freePort, ROOT, waitForHealth } from "./console-build";
import {
  bytesByPhase,
  countByPhase,
  FIRST_LOAD_BUDGET_BYTES,
  formatPageResult,
  gzipSize,
  kb,
  type PageResult,
  type Phase,
  type ScriptLoad,
  verdict,
} from "./page-weight";

const ADMIN = "admin@gatehouse.local";
const PASSWORD = process.env.GATEHOUSE_DEMO_PASSWORD || "gatehouse-demo";
const STAGE = "bench";

/** The production console (`next start`) on a fresh embedded database of its own, the gateway's own port off. */
async function startConsole(): Promise<{ base: string; stop: () => void }> {
  const distDir = BENCH_DIST_DIR;
  ensureBuild(distDir);
  const dataDir = join(".data", `bench-pages-${process.pid}`);
  rmSync(join(ROOT, dataDir), { recursive: true, force: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    GATEHOUSE_DIST_DIR: distDir,
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_GATEWAY_PORT: "off",
  };
  delete env.DATABASE_URL;
  const next = join(ROOT, "node_modules/next/dist/bin/next");
  const child = spawn("node", [next, "start", "--port", String(port), "--hostname", "127.0.0.1"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    child.kill("SIGTERM");
    rmSync(join(ROOT, dataDir), { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, child, 120_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { base, stop };
}

async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("current-user").waitFor();
}

/** The seeded PetStore's id, and a deployment and stage on it so the stage pages show something. */
async function prepareApi(page: Page, base: string): Promise<string> {
  await page.goto(`${base}/`);
  const href = await page.getByTestId("api-list").getByRole("link", { name: "PetStore", exact: true }).getAttribute("href");
  const apiId = href?.split("/apis/")[1];
  if (!apiId) throw new Error(`no PetStore link in the API list (href ${href})`);
  await page.goto(`${base}/apis/${apiId}/stages`);
  await page.getByLabel("Description").fill("page-weight bench");
  await page.getByRole("button", { name: "Create deployment" }).click();
  await page.getByTestId("deployment-list").getByText("page-weight bench").waitFor();
  await page.getByLabel("Stage name").fill(STAGE);
  await page.getByRole("button", { name: "Create stage" }).click();
  await page.locator(`[data-stage="${STAGE}"]`).waitFor();
  return apiId;
}

/**
 * Records every script the page receives, in the phase it arrived in (the load event flips the phase).
 * A body that cannot be read (the page closed meanwhile, a blob: worker) counts as nothing rather
 * than failing the run: every promise settles to a load or null.
 */
function recordScripts(page: Page): { loads: Promise<ScriptLoad | null>[]; setPhase: (p: Phase) => void } {
  let phase: Phase = "first-load";
  const loads: Promise<ScriptLoad | null>[] = [];
  page.on("load", () => {
    if (phase === "first-load") phase = "after-load";
  });
  page.on("response", (response) => {
    const isScript = response.request().resourceType() === "script" || /\.m?js(\?|$)/.test(new URL(response.url()).pathname);
    if (!isScript || response.status() !== 200) return;
    const arrivedIn = phase;
    loads.push(
      response
        .body()
        .then((body) => ({ url: response.url(), phase: arrivedIn, gzipBytes: gzipSize(body) }))
        .catch(() => null),
    );
  });
  // Worker scripts (Monaco's editor worker) are fetched by the worker, outside page.on("response").
  page.on("worker", (worker) => {
    const arrivedIn = phase;
    loads.push(
      fetch(worker.url())
        .then(async (r) => ({ url: worker.url(), phase: arrivedIn, gzipBytes: gzipSize(Buffer.from(await r.arrayBuffer())) }))
        .catch(() => null),
    );
  });
  return { loads, setPhase: (p) => void (phase = p) };
}

/**
 * Evaluated in the page as a string: tsx (esbuild keepNames) would wrap a function's inner helpers
 * in `__name(…)`, which does not exist in the page. Every control outside Monaco must carry React's fiber.
 */
const ALL_CONTROLS_HYDRATED = `(() => {
  const controls = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea")].filter((el) => !el.closest(".monaco-editor"));
  const hydrated = (el) => Object.keys(el).some((k) => k.startsWith("__reactFiber$"));
  return controls.length > 0 && controls.every(hydrated) ? performance.now() : false;
})()`;

const UNHYDRATED_CONTROLS = `[...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea")]
  .filter((el) => !el.closest(".monaco-editor") && !Object.keys(el).some((k) => k.startsWith("__reactFiber$")))
  .slice(0, 5).map((el) => el.outerHTML.slice(0, 160))`;

/** ms since navigation start at the first animation frame where every control on the page is hydrated (NaN if never, saying which). */
async function interactiveAt(page: Page): Promise<number> {
  try {
    const handle = await page.waitForFunction(ALL_CONTROLS_HYDRATED, undefined, { polling: "raf", timeout: 60_000 });
    return (await handle.jsonValue()) as number;
  } catch {
    console.log(`  not hydrated after 60 s: ${JSON.stringify(await page.evaluate(UNHYDRATED_CONTROLS))}`);
    return Number.NaN;
  }
}

type Action = (page: Page) => Promise<void>;

async function measurePage(context: BrowserContext, name: string, url: string, action?: Action): Promise<PageResult> {
  const page = await context.newPage();
  const { loads, setPhase } = recordScripts(page);
  await page.goto(url, { waitUntil: "load" });
  const interactiveMs = await interactiveAt(page);
  const loadMs = (await page.evaluate('performance.getEntriesByType("navigation")[0].loadEventStart')) as number;
  await page.waitForLoadState("networkidle");
  if (action) {
    setPhase("on-action");
    await action(page);
    await page.waitForLoadState("networkidle");
  }
  const scripts = (await Promise.all(loads)).filter((load): load is ScriptLoad => load !== null);
  await page.close();
  return { name, bytes: bytesByPhase(scripts), scripts: countByPhase(scripts), interactiveMs, loadMs };
}

/** Opens GET /pets/{petId} and scrolls its first editor into view, until Monaco is drawn. */
async function openMethodEditor(page: Page): Promise<void> {
  await page.getByTestId("resource-tree").locator('[data-resource-path="/pets/{petId}"]').first().click();
  await page
    .getByTestId("selected-resource")
    .filter({ hasText: /^\/pets\/\{petId\}$/ })
    .waitFor();
  await page.getByRole("button", { name: "GET", exact: true }).last().click();
  const editor = page.getByTestId("method-editor");
  await editor.getByRole("heading", { name: "GET /pets/{petId}", exact: true }).waitFor();
  const placeholder = editor.locator("[data-editor-placeholder]").first();
  // An editor the page arrived with waits until scrolled to; one the click added mounts at once (then
  // the placeholder may be gone before the scroll, which is fine).
  if (await placeholder.count()) await placeholder.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined);
  await editor.locator(".monaco-editor").first().waitFor({ timeout: 120_000 });
}

function consolePages(base: string, apiId: string): [string, string, Action?][] {
  const api = `${base}/apis/${apiId}`;
  return [
    ["workspace: API list", `${base}/`],
    ["API designer (+ open a method)", api, openMethodEditor],
    ["stages", `${api}/stages`],
    ["a stage", `${api}/stages/${STAGE}`],
    ["stage diff", `${api}/stages/diff?a=${encodeURIComponent(`stage:${STAGE}`)}&b=draft`],
    ["stage matrix", `${api}/stages/matrix`],
    ["tests", `${api}/tests`],
    ["openapi", `${api}/openapi`],
    ["aws", `${api}/aws`],
    ["API history", `${api}/history`],
    ["workspace history", `${base}/history`],
    ["connections", `${base}/connections`],
    ["team", `${base}/team`],
    ["account", `${base}/account`],
    ["approvals", `${base}/approvals`],
  ];
}

async function measureAll(browser: Browser, base: string): Promise<PageResult[]> {
  const setup = await browser.newContext();
  const page = await setup.newPage();
  await signIn(page, base);
  const apiId = await prepareApi(page, base);
  const storageState = await setup.storageState();
  await setup.close();
  const results: PageResult[] = [];
  const signedOut = await browser.newContext();
  results.push(await measurePage(signedOut, "sign-in (signed out)", `${base}/sign-in`));
  await signedOut.close();
  for (const [name, url, action] of consolePages(base, apiId)) {
    // A context per page: a cold cache, as on a first visit.
    const context = await browser.newContext({ storageState });
    results.push(await measurePage(context, name, url, action));
    await context.close();
  }
  return results;
}

function printSummary(results: PageResult[]): void {
  for (const r of results) console.log(formatPageResult(r));
  const over = results.filter((r) => verdict(r.bytes["first-load"]) === "OVER");
  const heaviest = results.reduce((a, b) => (b.bytes["first-load"] > a.bytes["first-load"] ? b : a));
  const lateMonaco = results.filter((r) => r.bytes["after-load"] > 100 * 1024);
  console.log(
    `budget ${kb(FIRST_LOAD_BUDGET_BYTES)} gzip on first load: ${over.length === 0 ? "PASS on every page" : `OVER on ${over.map((r) => r.name).join(", ")}`}; heaviest ${heaviest.name} ${kb(heaviest.bytes["first-load"])}`,
  );
  console.log(
    `scripts after load without interaction (> 100 KB would be Monaco preloaded): ${lateMonaco.length === 0 ? "none over 100 KB (PASS)" : `OVER on ${lateMonaco.map((r) => r.name).join(", ")}`}`,
  );
}

export default async function (): Promise<void> {
  const server = await startConsole();
  const launch = playwrightConfig.use?.launchOptions ?? {};
  const browser = await chromium.launch({ executablePath: launch.executablePath, args: launch.args });
  try {
    console.log("per page: JS on first load (gzip, scripts before the load event) vs 250 KB; JS after load; time until every control is hydrated");
    printSummary(await measureAll(browser, server.base));
  } finally {
    await browser.close();
    server.stop();
  }
}
