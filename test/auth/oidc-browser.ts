/**
 * A browser's part of an OpenID Connect sign-in, by fetch: follows the provider's redirects with
 * its cookies, presses a button on the test provider's login page (test/fakes/oidc-idp), and
 * stops where the provider sends the browser back to the console.
 */
export type IdpChoice = { signInAs: string } | { deny: true };

export async function visitProvider(authorizationUrl: URL, redirectUri: string, choice: IdpChoice): Promise<URLSearchParams> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl.href;
  let body: string | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      body,
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...(body && { "content-type": "application/x-www-form-urlencoded" }) },
      redirect: "manual",
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    body = undefined;
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url).href;
      if (url.startsWith(`${redirectUri}?`)) return new URL(url).searchParams;
      continue;
    }
    const page = await res.text();
    const uid = /\/interaction\/([^/"]+)\/login/.exec(page)?.[1];
    if (!uid) throw new Error(`unexpected page from the provider (${res.status}): ${page.slice(0, 300)}`);
    const origin = new URL(url).origin;
    url = "deny" in choice ? `${origin}/interaction/${uid}/deny` : `${origin}/interaction/${uid}/login`;
    body = "deny" in choice ? "" : new URLSearchParams({ account: choice.signInAs }).toString();
  }
  throw new Error("too many redirects at the provider");
}
