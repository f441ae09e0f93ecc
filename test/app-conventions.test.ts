/**
 * The App Router's special files where they belong (issue 14): a skeleton while each console page
 * loads, an error page with a way back, a 404 that names what was missing. Files are found on
 * disk, so a new dynamic segment, a new notFound() or a new error.tsx is checked too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { createElement as h, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ErrorPanel, summarizeError } from "../components/ui/error-panel";
import { pathUpTo, segmentAfter } from "../components/ui/missing-segment";

// The not-found pages read the missing id from the URL; this is the URL the test "visits".
const url = vi.hoisted(() => ({ pathname: "/" }));
vi.mock("next/navigation", () => ({ usePathname: () => url.pathname }));

const ROOT = join(__dirname, "..");
const APP = join(ROOT, "app");
const CONSOLE = join(APP, "(console)");
const rel = (p: string) => relative(ROOT, p).split(sep).join("/");

/** Every file under `dir` (private `_folders` are not routes and are skipped). */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name.startsWith("_") ? [] : files(path);
    return [path];
  });
}
const named = (dir: string, name: string) => files(dir).filter((f) => f.endsWith(`${sep}${name}`));

/** The folders from `dir` up to and including `top`. */
function upTo(dir: string, top: string): string[] {
  const chain = [dir];
  while (chain[chain.length - 1] !== top) chain.push(dirname(chain[chain.length - 1]));
  return chain;
}

/** The not-found.tsx that catches a notFound() thrown in `file`, looking no higher than `top`. */
function catchingNotFound(file: string, top: string): string | null {
  // A boundary wraps its segment's page and children, never the layout of its own segment.
  const start = file.endsWith(`${sep}layout.tsx`) ? dirname(dirname(file)) : dirname(file);
  const found = upTo(start, top).find((d) => existsSync(join(d, "not-found.tsx")));
  return found ? rel(join(found, "not-found.tsx")) : null;
}

describe("not-found", () => {
  it("every notFound() in the console is caught inside the console, so its 404 keeps the header and names what is missing", () => {
    const callers = files(CONSOLE).filter((f) => /\.tsx$/.test(f) && /\bnotFound\(\)/.test(readFileSync(f, "utf8")));
    expect(callers.length).toBeGreaterThan(0);
    const uncaught = callers.filter((f) => !catchingNotFound(f, CONSOLE)).map(rel);
    expect(uncaught).toEqual([]);
  });

  it("the API layout's notFound() reaches apis/not-found.tsx, and the stage layout's and page's the stages' own", () => {
    expect(catchingNotFound(join(CONSOLE, "apis", "[apiId]", "layout.tsx"), CONSOLE)).toBe("app/(console)/apis/not-found.tsx");
    for (const file of ["layout.tsx", "page.tsx"])
      expect(catchingNotFound(join(CONSOLE, "apis", "[apiId]", "stages", "[stageName]", file), CONSOLE)).toBe(
        "app/(console)/apis/[apiId]/stages/not-found.tsx",
      );
  });

  it("every dynamic segment of the console has a not-found.tsx at or above it inside the console", () => {
    const dynamic = files(CONSOLE)
      .map(dirname)
      .flatMap((d) => upTo(d, CONSOLE))
      .filter((d, i, all) => /^\[.*\]$/.test(d.split(sep).pop()!) && all.indexOf(d) === i);
    expect(dynamic.length).toBeGreaterThan(0);
    const uncovered = dynamic.filter((d) => !upTo(d, CONSOLE).some((x) => existsSync(join(x, "not-found.tsx")))).map(rel);
    expect(uncovered).toEqual([]);
  });

  it("a URL that matches no page gets the root not-found.tsx", () => {
    expect(existsSync(join(APP, "not-found.tsx"))).toBe(true);
  });

  it("says which API, which stage or which address was not found", async () => {
    const html = async (file: string, pathname: string) => {
      url.pathname = pathname;
      const NotFound = ((await import(join(APP, file))) as { default: ComponentType }).default;
      return renderToStaticMarkup(h(NotFound));
    };
    const render = async (file: string, pathname: string) => (await html(file, pathname)).replace(/<[^>]+>/g, "");
    expect(await render("(console)/apis/not-found.tsx", "/apis/c1x9/stages")).toContain("No API with id c1x9 in this workspace.");
    expect(await render("(console)/apis/[apiId]/stages/not-found.tsx", "/apis/c1x9/stages/my%20stage")).toContain("This API has no stage named my stage.");
    expect(await render("not-found.tsx", "/nowhere/at-all")).toContain("Nothing in Gatehouse answers at /nowhere/at-all.");
    // The way back from a missing stage is that API's stage list.
    expect(await html("(console)/apis/[apiId]/stages/not-found.tsx", "/apis/c1x9/stages/prod")).toMatch(
      /<a [^>]*href="\/apis\/c1x9\/stages"[^>]*>All stages of this API<\/a>/,
    );
  });

  it("reads the missing id or name back from the URL, decoded", () => {
    expect(segmentAfter("/apis/abc123/stages/prod", "apis")).toBe("abc123");
    expect(segmentAfter("/apis/abc123/stages/my%20stage", "stages")).toBe("my stage");
    expect(segmentAfter("/apis/abc123/stages/%E0%A4%A", "stages")).toBe("%E0%A4%A");
    expect(segmentAfter("/apis", "apis")).toBeNull();
    expect(segmentAfter(null, "apis")).toBeNull();
    expect(pathUpTo("/apis/c1x9/stages/prod", "stages")).toBe("/apis/c1x9/stages");
    expect(pathUpTo("/history", "stages")).toBeNull();
  });
});

describe("error boundaries", () => {
  const boundaries = [...named(APP, "error.tsx"), ...named(APP, "global-error.tsx")];

  it("exist for the root layout, pages outside the console, the console and an API's tabs", () => {
    expect(boundaries.map(rel).sort()).toEqual(
      expect.arrayContaining(["app/(console)/apis/[apiId]/error.tsx", "app/(console)/error.tsx", "app/error.tsx", "app/global-error.tsx"]),
    );
  });

  it('each starts with "use client" (Next refuses a server-component error boundary)', () => {
    const notClient = boundaries.filter((f) => !/^\s*["']use client["'];?/.test(readFileSync(f, "utf8"))).map(rel);
    expect(notClient).toEqual([]);
  });

  it("global-error.tsx brings its own document (it replaces the root layout)", () => {
    const src = readFileSync(join(APP, "global-error.tsx"), "utf8");
    expect(src).toMatch(/<html\b/);
    expect(src).toMatch(/<body\b/);
  });

  it("shows a server error's reference and Next's message, never the stack; offers a retry and a way home", () => {
    const error = Object.assign(new Error("An error occurred in the Server Components render."), { digest: "2750914811" });
    error.stack = "Error: secret\n    at loadApi (/srv/gatehouse/lib/restapi/service.ts:42:11)";
    const html = renderToStaticMarkup(h(ErrorPanel, { error, retry: () => {} }));
    expect(html).toContain("The server could not prepare this page.");
    expect(html).toContain("An error occurred in the Server Components render.");
    expect(html).toContain(">2750914811</code>");
    expect(html).not.toContain("service.ts");
    expect(html).toMatch(/<button[^>]*>Try again<\/button>/);
    expect(html).toContain('href="/"');
  });

  it("summarizes whatever was thrown, Error or not", () => {
    expect(summarizeError(new TypeError("x is undefined"))).toEqual({
      headline: "This page stopped working in the browser.",
      detail: "x is undefined",
      reference: null,
    });
    expect(summarizeError("boom").detail).toBe("boom");
    expect(summarizeError(undefined)).toMatchObject({ detail: null, reference: null });
  });
});

describe("loading skeletons", () => {
  // The pages that read the database before they can show anything.
  const expected = [
    "app/(console)/(home)/loading.tsx",
    "app/(console)/history/loading.tsx",
    "app/(console)/apis/[apiId]/(design)/loading.tsx",
    "app/(console)/apis/[apiId]/history/loading.tsx",
    "app/(console)/apis/[apiId]/stages/(list)/loading.tsx",
    "app/(console)/apis/[apiId]/stages/[stageName]/loading.tsx",
  ];

  it("exist for the console, API pages, stage pages and history", () => {
    expect(named(APP, "loading.tsx").map(rel)).toEqual(expect.arrayContaining(expected));
  });

  it("every console page has a skeleton at or above it", () => {
    const bare = named(CONSOLE, "page.tsx")
      .filter((p) => !upTo(dirname(p), CONSOLE).some((d) => existsSync(join(d, "loading.tsx"))))
      .map(rel);
    expect(bare).toEqual([]);
  });

  it("none sits above a layout that calls notFound(), so a missing API answers HTTP 404, not a streamed 200", () => {
    // A loading.tsx wraps its own segment's page and everything below it, the layouts of the
    // segments below included; once its skeleton has streamed, the status is 200 whatever follows.
    const layouts = named(CONSOLE, "layout.tsx").filter((f) => /\bnotFound\(\)/.test(readFileSync(f, "utf8")));
    expect(layouts.map(rel)).toEqual(
      expect.arrayContaining(["app/(console)/apis/[apiId]/layout.tsx", "app/(console)/apis/[apiId]/stages/[stageName]/layout.tsx"]),
    );
    const wrapped = layouts.flatMap((f) =>
      upTo(dirname(dirname(f)), APP)
        .filter((d) => existsSync(join(d, "loading.tsx")))
        .map((d) => `${rel(join(d, "loading.tsx"))} wraps ${rel(f)}`),
    );
    expect(wrapped).toEqual([]);
  });

  it("each renders a busy status region that tells a screen reader what is loading", async () => {
    for (const file of named(APP, "loading.tsx")) {
      const Loading = ((await import(file)) as { default: ComponentType }).default;
      const html = renderToStaticMarkup(h(Loading));
      expect(html, rel(file)).toMatch(/<div role="status" aria-busy="true"[^>]*>/);
      expect(html, rel(file)).toMatch(/<span class="sr-only">Loading [^<]+…<\/span>/);
    }
  });
});

describe("favicon", () => {
  it("app/icon.svg is a self-contained SVG (Next serves it and links it from every page)", () => {
    const svg = readFileSync(join(APP, "icon.svg"), "utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toMatch(/viewBox="0 0 32 32"/);
    expect(svg).not.toMatch(/(href|src)=|url\(/); // no external assets
  });
});
