/** Filters as a plain GET form, so a filtered timeline is a link that can be shared. */
export function HistoryFilters({ values, exportBase }: { values: Record<string, string | undefined>; exportBase: string }) {
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v) as [string, string][]).toString();
  const input = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm";
  return (
    <form method="get" className="mb-4 grid grid-cols-2 gap-2 text-xs md:grid-cols-6" data-testid="history-filters">
      <label>
        Actor
        <input name="actor" defaultValue={values.actor} placeholder="email" className={input} />
      </label>
      <label>
        Action
        <input name="action" defaultValue={values.action} placeholder="method." className={input} />
      </label>
      <label>
        Entity type
        <input name="entityType" defaultValue={values.entityType} placeholder="stage" className={input} />
      </label>
      <label>
        Entity
        <input name="entity" defaultValue={values.entity} placeholder="/pets/{id} GET" className={input} />
      </label>
      <label>
        From
        <input name="from" type="datetime-local" defaultValue={values.from} className={input} />
      </label>
      <label>
        To
        <input name="to" type="datetime-local" defaultValue={values.to} className={input} />
      </label>
      <div className="col-span-2 flex items-center gap-3 md:col-span-6">
        <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1 text-sm text-white">
          Filter
        </button>
        <a href="?" className="text-slate-600 hover:underline">
          Clear
        </a>
        <span className="ml-auto text-slate-500">Export:</span>
        <a
          href={`${exportBase}${exportBase.includes("?") ? "&" : "?"}${query}${query ? "&" : ""}format=csv`}
          className="text-indigo-700 hover:underline"
          download
        >
          CSV
        </a>
        <a
          href={`${exportBase}${exportBase.includes("?") ? "&" : "?"}${query}${query ? "&" : ""}format=json`}
          className="text-indigo-700 hover:underline"
          download
        >
          JSON
        </a>
      </div>
    </form>
  );
}
