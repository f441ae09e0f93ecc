import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const FILTERS = [
  { name: "actor", label: "Actor", placeholder: "email" },
  { name: "action", label: "Action", placeholder: "method." },
  { name: "entityType", label: "Entity type", placeholder: "stage" },
  { name: "entity", label: "Entity", placeholder: "/pets/{id} GET" },
  { name: "from", label: "From", type: "datetime-local" },
  { name: "to", label: "To", type: "datetime-local" },
];

/** Filters as a plain GET form, so a filtered timeline is a link that can be shared. */
export function HistoryFilters({ values, exportBase }: { values: Record<string, string | undefined>; exportBase: string }) {
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v) as [string, string][]).toString();
  const exportHref = (format: string) => `${exportBase}${exportBase.includes("?") ? "&" : "?"}${query}${query ? "&" : ""}format=${format}`;
  return (
    <form method="get" className="mb-4 grid grid-cols-2 gap-2 text-xs md:grid-cols-6" data-testid="history-filters">
      {FILTERS.map((f) => (
        <Field key={f.name} label={f.label} name={f.name} type={f.type} placeholder={f.placeholder} defaultValue={values[f.name]} />
      ))}
      <div className="col-span-2 flex items-center gap-3 md:col-span-6">
        <Button type="submit" size="sm">
          Filter
        </Button>
        <a href="?" className="text-slate-600 hover:underline">
          Clear
        </a>
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
