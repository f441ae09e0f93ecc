import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/app/_server/session";
import { SignInForm } from "@/components/auth/sign-in-form";
import { isOidcErrorReason, OIDC_ERROR_MESSAGES } from "@/lib/auth/oidc";
import { oidcConfigFromEnv, passwordSignInEnabled } from "@/lib/auth/oidc-config";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; oidc_error?: string }> }) {
  if (await currentUser()) redirect("/");
  const { next, oidc_error } = await searchParams;
  const oidc = oidcConfigFromEnv();
  const passwords = passwordSignInEnabled();
  // Only the reason's code travels in the URL: the words are ours, so a crafted link cannot put its own on the page.
  const problem = isOidcErrorReason(oidc_error) ? OIDC_ERROR_MESSAGES[oidc_error] : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Gatehouse</h1>
        <p className="mt-1 text-sm text-slate-500">Sign in to design, test and ship your API Gateway REST APIs.</p>
        {problem && (
          <p role="alert" data-testid="sign-in-problem" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {problem}
          </p>
        )}
        {oidc && (
          <a
            href={`/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ""}`}
            className="mt-6 flex w-full items-center justify-center rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-1"
          >
            Sign in with {oidc.name}
          </a>
        )}
        {oidc && passwords && <p className="mt-6 text-center text-xs uppercase tracking-wide text-slate-500">or with your password</p>}
        {passwords && <SignInForm next={next} />}
      </div>
    </main>
  );
}
