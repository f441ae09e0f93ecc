"use client";
/**
 * The history filters are the URL's (`?actor=&action=&entityType=&entity=&from=&to=`): the server
 * applies them on the first render, so a filtered timeline is a link that can be shared, reloaded or
 * gone Back to. Filtering pushes a clean URL (blank fields left out); the form is keyed by the URL's
 * filters, so after Back the fields show the filters of the list on screen. Without JavaScript it
 * is still a plain GET form.
 */
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { HISTORY_FILTER_KEYS, historyFilterHref, querySearch } from "@/lib/url-state/query";

const FILTERS = [
  { name: "actor", label: "Actor", placeholder: "email" },
  { name: "action", label: "Action", placeholder: "method." },
  { name: "entityType", label: "Entity type", placeholder: "stage" },
  { name: "entity", label: "Entity", placeholder: "/pets/{id} GET" },
  { name: "from", label: "From", type: "datetime-local" },
  { name: "to", label: "To", type: "datetime-local" },
];

export function HistoryFilters({ values, exportBase }: { values: Record<string, string | undefined>; exportBase: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v) as [string, string][]).toString();
  const exportHref = (format: string) => `${exportBase}${exportBase.includes("?") ? "&" : "?"}${query}${query ? "&" : ""}format=${format}`;
  return (
    <form
      key={querySearch(HISTORY_FILTER_KEYS, values)}
      method="get"
      className="mb-4 grid grid-cols-2 gap-2 text-xs md:grid-cols-6"
      data-testid="history-filters"
      onSubmit={(e) => {
        e.preventDefault();
        const form = Object.fromEntries([...new FormData(e.currentTarget)].map(([k, v]) => [k, String(v)]));
        router.push(historyFilterHref(pathname, form));
      }}
    >
      {FILTERS.map((f) => (
        <Field key={f.name} label={f.label} name={f.name} type={f.type} placeholder={f.placeholder} defaultValue={values[f.name]} />
      ))}
      <div className="col-span-2 flex items-center gap-3 md:col-span-6">
        <Button type="submit" size="sm">
          Filter
        </Button>
        <Link href={pathname} className="text-slate-600 hover:underline">
          Clear
        </Link>
        <span className="ml-auto text-slate-500">Export:</span>
        <a href={exportHref("csv")} className="text-indigo-700 hover:underline" download>
          CSV
        </a>
        <a href={exportHref("json")} className="text-indigo-700 hover:underline" download>
          JSON
        </a>
      </div>
    </form>
  );
}
