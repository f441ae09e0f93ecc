/** The one client action hook: what a reply does to the form's state, the cache, the toasts and the page. */
import { describe, expect, it, vi } from "vitest";
import type { ActionReply } from "../../lib/http/action-reply";
import { callAction, type ReplyEffects, settleReply, UNREACHABLE } from "../../components/ui/use-server-action";

function effects() {
  const log: string[] = [];
  const fx: ReplyEffects<any> = {
    setError: (f) => log.push(`error:${f ? f.error : "cleared"}`),
    setData: (d) => log.push(`data:${JSON.stringify(d)}`),
    invalidate: (k) => log.push(`invalidate:${JSON.stringify(k)}`),
    toast: (m) => log.push(`toast:${m}`),
    refresh: () => log.push("refresh"),
  };
  return { log, fx };
}

describe("settleReply", () => {
  it("keeps a failure with its field errors and does nothing else (no toast, no refresh, no invalidation)", () => {
    const { log, fx } = effects();
    const onSuccess = vi.fn();
    const onError = vi.fn();
    const failure: ActionReply<string> = { ok: false, status: 400, error: "Some fields are not valid", fieldErrors: { name: "Name is required" } };
    settleReply(failure, ["a"], { success: "Saved", refresh: true, invalidate: [["api", "1"]], onSuccess, onError }, fx);
    expect(log).toEqual(["error:Some fields are not valid"]);
    expect(onError).toHaveBeenCalledWith(failure, "a");
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it("on success clears the error, keeps the data, runs onSuccess before invalidating, then toasts and refreshes", () => {
    const { log, fx } = effects();
    settleReply<{ id: string }, [string, string]>(
      { ok: true, data: { id: "s1" } },
      ["api-1", "dev"],
      {
        onSuccess: (data, apiId) => log.push(`onSuccess:${data.id}:${apiId}`),
        invalidate: (_data, apiId) => [["api", apiId]],
        success: (_data, _apiId, stage) => `Stage ${stage} created`,
        refresh: true,
      },
      fx,
    );
    expect(log).toEqual(["error:cleared", 'data:{"id":"s1"}', "onSuccess:s1:api-1", 'invalidate:["api","api-1"]', "toast:Stage dev created", "refresh"]);
  });

  it("stays quiet when the success message function returns nothing, and refreshes only when asked", () => {
    const { log, fx } = effects();
    settleReply({ ok: true, data: null }, [], { success: () => null }, fx);
    expect(log).toEqual(["error:cleared", "data:null"]);
  });
});

describe("callAction", () => {
  it("turns a call that never got an answer into a failure the form can show", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(callAction(() => Promise.reject(new TypeError("Failed to fetch")), [])).resolves.toEqual(UNREACHABLE);
    spy.mockRestore();
  });

  it("lets Next's redirect through to the router", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;push;/;307;" });
    await expect(callAction(() => Promise.reject(redirect), [])).rejects.toBe(redirect);
  });

  it("passes the arguments and the reply through", async () => {
    const reply = await callAction(async (a: number, b: number) => ({ ok: true as const, data: a + b }), [2, 3]);
    expect(reply).toEqual({ ok: true, data: 5 });
  });
});
