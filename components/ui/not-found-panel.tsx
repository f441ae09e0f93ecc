/**
 * What the not-found.tsx files show: what was not found, in words, and where to go instead.
 * A server component; the part that names the missing thing from the URL is MissingSegment.
 */
import Link from "next/link";
import type { ReactNode } from "react";

export const NOT_FOUND_LINK = "font-medium text-indigo-700 hover:underline";

export function NotFoundPanel({
  title,
  children,
  links,
  nearby,
}: {
  title: string;
  children?: ReactNode;
  links: { href: string; label: string }[];
  /** A link worked out from the URL (LinkUpTo), shown before the fixed ones. */
  nearby?: ReactNode;
}) {
  return (
    <section className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm" data-testid="not-found">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">404 · Not found</p>
      <h1 className="mt-1 text-xl font-semibold">{title}</h1>
      {children && <div className="mt-2 text-sm text-slate-600">{children}</div>}
      <nav className="mt-4 flex flex-wrap gap-4 text-sm">
        {nearby}
        {links.map((l) => (
          <Link key={l.href} href={l.href} className={NOT_FOUND_LINK}>
            {l.label}
          </Link>
        ))}
      </nav>
    </section>
  );
}
