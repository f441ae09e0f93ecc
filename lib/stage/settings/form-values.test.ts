import { describe, expect, it } from "vitest";
import { applySettingsInput, parseStageSettingsInput, readStoredSettings } from "../settings";
import { methodFormRow, methodInputFromForm, stageFormValues, stageInputFromForm } from "./form-values";

/** What the stage settings form sends for stored settings nobody touched in the form. */
function saveUntouched(stored: unknown) {
  const settings = readStoredSettings(stored);
  const input = {
    ...stageInputFromForm(stageFormValues(settings)),
    methodSettings: Object.fromEntries(Object.entries(settings.methodSettings).map(([k, m]) => [k, methodInputFromForm(methodFormRow(k, m))])),
  };
  return applySettingsInput(settings, parseStageSettingsInput(input));
}

describe("the stage settings form's values", () => {
  it("saving the form untouched keeps every setting as stored", () => {
    const stored = {
      cacheClusterEnabled: true,
      cacheClusterSize: "6.1",
      tracingEnabled: true,
      accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:api-logs", format: "$context.requestId" },
      clientCertificateId: "abc123",
      methodSettings: { "*/*": { throttlingRateLimit: 5.5, loggingLevel: "INFO", cacheTtlInSeconds: 60 }, "/pets/GET": { metricsEnabled: true } },
      canarySettings: { deploymentId: "dep9", percentTraffic: 10, stageVariableOverrides: {}, useStageCache: false },
    };
    expect(saveUntouched(stored)).toEqual(readStoredSettings(stored));
  });

  it("clears what was emptied, sends no size while the cache is off, and an empty number as unset (or its default)", () => {
    const values = stageFormValues(readStoredSettings({ clientCertificateId: "abc123", cacheClusterSize: "1.6" }));
    expect(stageInputFromForm({ ...values, clientCertificateId: "  " })).toMatchObject({
      clientCertificateId: null,
      cacheClusterSize: undefined,
      accessLogSettings: null,
    });
    const row = { ...methodFormRow("*/*"), throttlingRateLimit: "", cacheTtlInSeconds: "" };
    expect(methodInputFromForm(row)).toMatchObject({ throttlingRateLimit: undefined, cacheTtlInSeconds: 300, loggingLevel: "OFF" });
  });
});
