/**
 * A viewer can read but not edit: the UI offers no edit controls, and the server action
 * itself refuses the viewer (403, nothing written) even when called directly.
 */
import { expect, test, type Request } from "@playwright/test";
import { ADMIN, VIEWER, signIn } from "./helpers";

test("a viewer is refused an edit, in the UI and at the server action", async ({ browser }) => {
  // As admin, capture what the browser sends when it calls the edit-design server action.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await admin.getByRole("link", { name: "PetStore" }).click();
  await admin.waitForURL(/\/apis\/[0-9a-f-]{36}$/);
  const apiUrl = admin.url();
  const apiId = apiUrl.split("/apis/")[1];
  const captured = admin.waitForRequest((r: Request) => r.method() === "POST" && !!r.headers()["next-action"]);
  await admin.getByLabel("Path part").fill("admin-made");
  await admin.getByRole("button", { name: "Add resource" }).click();
  const actionRequest = await captured;
  await expect(admin.getByTestId("selected-resource")).toHaveText("/admin-made");
  const actionHeaders = actionRequest.headers();
  const actionBody = actionRequest.postData()!;
  await adminContext.close();

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, VIEWER);
  await expect(viewer.getByTestId("current-role")).toHaveText("viewer");
  await expect(viewer.getByText("Your role (viewer) can read APIs but not create them.")).toBeVisible();

  // The UI: read-only, no edit controls.
  await viewer.goto(apiUrl);
  await expect(viewer.getByTestId("read-only-notice")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Add resource" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Add method" })).toHaveCount(0);
  await viewer.locator('[data-method="GET /pets/{petId}"]').click();
  await expect(viewer.getByRole("button", { name: "Save integration request" })).toHaveCount(0);

  // The server action, called directly with the viewer's session: 403 and nothing written.
  const before = await (await viewer.request.get(`/api/apis/${apiId}`)).json();
  const replay = await viewer.request.post(actionRequest.url(), {
    headers: {
      "next-action": actionHeaders["next-action"],
      "content-type": actionHeaders["content-type"],
      accept: actionHeaders.accept ?? "text/x-component",
      "next-router-state-tree": actionHeaders["next-router-state-tree"] ?? "",
      origin: new URL(actionRequest.url()).origin,
    },
    data: actionBody.replace(/\d+(?=,\{"type")/, String(before.version)),
  });
  const text = await replay.text();
  expect(text).toContain('"status":403');
  expect(text).toContain("Your role (viewer) cannot do this");
  const after = await (await viewer.request.get(`/api/apis/${apiId}`)).json();
  expect(after.version).toBe(before.version);
  expect(after.design.resources.length).toBe(before.design.resources.length);

  // Endpoints without a session answer 401 JSON, never data.
  const anonymous = await browser.newContext();
  const res = await anonymous.request.get(`/api/apis/${apiId}`);
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ message: "Sign in to continue", code: "Unauthenticated" });
  await anonymous.close();
  await viewerContext.close();
});
