import { describe, expect, it } from "vitest";
import { isSecretName, MASK, maskBody, maskQueryStrings, maskSecrets } from "./mask";

describe("secret names", () => {
  it("catches secret words anywhere and short ones as the last word", () => {
    for (const name of [
      "password",
      "dbPass",
      "DB_PASSWORD",
      "adminPwd",
      "client_secret",
      "x-api-key",
      "apiKey",
      "Cookie",
      "Set-Cookie",
      "Authorization",
      "X-Amz-Security-Token",
      "access_token",
      "privateKey",
      "awsCredentials",
      "gatehouse_session",
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
  });

  it("leaves design settings readable", () => {
    for (const name of [
      "authorizationType",
      "apiKeySource",
      "apiKeyRequired",
      "cacheKeyParameters",
      "passthroughBehavior",
      "keyName",
      "monkey",
      "region",
      "page",
    ]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe("masking recorded requests", () => {
  it("keeps cookie names and masks every cookie value", () => {
    expect(maskSecrets({ Cookie: "a=1; gatehouse_session=tok" })).toEqual({ Cookie: `a=${MASK}; gatehouse_session=${MASK}` });
    expect(maskSecrets({ "set-cookie": ["s=abc; Path=/; HttpOnly"] })).toEqual({ "set-cookie": [`s=${MASK}; Path=/; HttpOnly`] });
  });

  it("masks secret query parameters, encoded names included", () => {
    expect(maskQueryStrings("/pets?api%5Fkey=abc&page=2&token=x")).toBe(`/pets?api%5Fkey=${MASK}&page=2&token=${MASK}`);
    expect(maskQueryStrings("Test-invoked GET /a?password=p on stage prod")).toBe(`Test-invoked GET /a?password=${MASK} on stage prod`);
  });

  it("masks nested JSON properties, keeping the formatting, and bodies cut for the history", () => {
    const body = '{\n  "user": "ann",\n  "auth": { "password": "p\\"w", "pin": 1234 },\n  "items": [{"secret": "s"}]\n}';
    expect(maskBody(body)).toBe(`{\n  "user": "ann",\n  "auth": { "password": "${MASK}", "pin": "${MASK}" },\n  "items": [{"secret": "${MASK}"}]\n}`);
    expect(maskBody('{"token": "abc", "rest": "cut… [99 more characters]')).toBe(`{"token": "${MASK}", "rest": "cut… [99 more characters]`);
    expect(maskBody("user=ann&password=pw")).toBe(`user=ann&password=${MASK}`);
    expect(maskBody("plain text with password=in it")).toBe("plain text with password=in it");
  });

  it("masks bodies only under a body key, so templates in a design stay as written", () => {
    const template = '{"password": "$input.params(\'pw\')"}';
    expect(maskSecrets({ responseTemplates: { "application/json": template } })).toEqual({ responseTemplates: { "application/json": template } });
    expect(maskSecrets({ request: { body: '{"password": "x"}' } })).toEqual({ request: { body: `{"password": "${MASK}"}` } });
  });

  it("keeps parameter mappings readable but masks a static value under a secret name", () => {
    const mapping = { "integration.request.header.x-api-key": "method.request.header.x-api-key", "integration.request.header.Authorization": "'Bearer abc'" };
    expect(maskSecrets({ requestParameters: mapping })).toEqual({
      requestParameters: { "integration.request.header.x-api-key": "method.request.header.x-api-key", "integration.request.header.Authorization": MASK },
    });
  });
});
