/**
 * A test-double OpenID Connect provider on loopback: the real `oidc-provider` package, with a
 * client for the console, a few accounts with a `groups` claim, and a login page of its own
 * instead of a password form: one button per account ("sign in as") and a Deny button (the
 * provider then answers error=access_denied). Consent is granted without asking. Vitest drives
 * the page with fetch (test/auth/oidc-browser.ts); the browser tests click it (e2e/oidc.spec.ts).
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface IdpAccount {
  id: string;
  email: string;
  name: string;
  groups: string[];
  emailVerified?: boolean;
}

export interface IdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export const IDP_ACCOUNTS: IdpAccount[] = [
  { id: "ada", email: "ada@idp.example", name: "Ada Admin", groups: ["platform-admins", "devs"] },
  { id: "dev", email: "dev@idp.example", name: "Dev Eloper", groups: ["devs"] },
  { id: "ops", email: "ops@idp.example", name: "Ops Deployer", groups: ["deployers"] },
  { id: "guest", email: "guest@idp.example", name: "Guest", groups: ["marketing"] },
];

export interface FakeIdp {
  issuer: string;
  accounts: Map<string, IdpAccount>;
  close(): Promise<void>;
}

export async function startFakeIdp(options: { port?: number; host?: string; clients: IdpClient[]; accounts?: IdpAccount[] }): Promise<FakeIdp> {
  const accounts = new Map((options.accounts ?? IDP_ACCOUNTS).map((a) => [a.id, { ...a }]));
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port ?? 0, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const provider = createProvider(issuer, options.clients, accounts);
  const oidc = provider.callback();
  handle = (req, res) => {
    const match = /^\/interaction\/([^/?]+)(\/login|\/deny)?(?:\?|$)/.exec(req.url ?? "");
    if (!match) return oidc(req, res);
    interaction(provider, accounts, req, res, match[2]).catch((e: Error) => {
      res.writeHead(400, { "content-type": "text/plain" }).end(`interaction failed: ${e.message}`);
    });
  };
  return {
    issuer,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function createProvider(issuer: string, clients: IdpClient[], accounts: Map<string, IdpAccount>) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "fake-idp", use: "sig", alg: "RS256" }] },
    cookies: { keys: ["fake-idp-cookie-key"] },
    // The console must send PKCE (S256 is the only method oidc-provider accepts).
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    features: { devInteractions: { enabled: false } },
    // Seconds; set so oidc-provider does not warn about its defaults on every run.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name, groups: account.groups }),
      };
    },
    // First-party test client: consent is granted for whatever was asked, without a page.
    loadExistingGrant: async (ctx: GrantContext) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope ?? "openid");
      await grant.save();
      return grant;
    },
  });
  return provider;
}

interface GrantContext {
  oidc: {
    provider: { Grant: new (init: { clientId: string; accountId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> } };
    client: { clientId: string };
    session: { accountId: string };
    params: { scope?: string };
  };
}

async function interaction(provider: Provider, accounts: Map<string, IdpAccount>, req: IncomingMessage, res: ServerResponse, step?: string) {
  const details = await provider.interactionDetails(req, res);
  if (step === "/deny") {
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: "The person denied the sign-in" },
      { mergeWithLastSubmission: false },
    );
  }
  if (step === "/login") {
    const account = new URLSearchParams(await bodyOf(req)).get("account") ?? "";
    if (!accounts.has(account)) return res.writeHead(400, { "content-type": "text/plain" }).end(`no account ${account}`);
    return provider.interactionFinished(req, res, { login: { accountId: account } }, { mergeWithLastSubmission: false });
  }
  const buttons = [...accounts.values()]
    .map((a) => `<button name="account" value="${a.id}">Sign in as ${a.email}</button> <small>${a.groups.join(", ")}</small><br>`)
    .join("\n");
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html><head><title>Fake identity provider</title></head><body>
<h1>Fake identity provider</h1><p>Prompt: ${details.prompt.name}</p>
<form method="post" action="/interaction/${details.uid}/login">${buttons}</form>
<form method="post" action="/interaction/${details.uid}/deny"><button>Deny</button></form></body></html>`);
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}
