"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { importAwsRestApiAction, listAwsRestApisAction } from "@/app/(console)/connections/actions";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { useServerAction } from "@/components/ui/use-server-action";

/** Lists the REST APIs of a connection's account and imports one as a new Gatehouse API. */
export function ImportApiPanel({ connectionId, connectionName }: { connectionId: string; connectionName: string }) {
  const router = useRouter();
  const list = useServerAction(listAwsRestApisAction);
  // The import opens the imported API's AWS tab: the page is going away, no toast.
  const importer = useServerAction(importAwsRestApiAction, { onSuccess: (api) => router.push(`/apis/${api.id}/aws`) });
  const [importing, setImporting] = useState<string | null>(null);
  const [last, setLast] = useState<"list" | "import">("list");
  const pending = list.pending || importer.pending;
  const importOne = async (id: string) => {
    setLast("import");
    setImporting(id);
    await importer.run(connectionId, id);
    setImporting(null);
  };
  const apis = list.data;

  return (
    <div className="mt-2" data-testid={`import-${connectionName}`}>
      <Button
        variant="secondary"
        onClick={() => {
          setLast("list");
          list.run(connectionId);
        }}
        disabled={pending}
      >
        {list.pending ? "Reading AWS…" : "Import an API"}
      </Button>
      {apis && (
        <ul className="mt-2 divide-y divide-slate-100 rounded border border-slate-200 text-sm" aria-label={`REST APIs in ${connectionName}`}>
          {apis.length === 0 && <li className="px-2 py-1.5 text-slate-500">No REST APIs in this account and Region.</li>}
          {apis.map((a) => (
            <li key={a.id} className="flex items-center justify-between px-2 py-1.5">
              <div>
                <span className="font-medium">{a.name}</span> <span className="font-mono text-xs text-slate-500">{a.id}</span>
                {a.description && <span className="ml-2 text-xs text-slate-500">{a.description}</span>}
              </div>
              {a.importedAs ? (
                <a className="text-xs text-indigo-600 hover:underline" href={`/apis/${a.importedAs}/aws`}>
                  Imported
                </a>
              ) : (
                <Button onClick={() => importOne(a.id)} disabled={pending} aria-label={`Import ${a.name}`}>
                  {importing === a.id ? "Importing…" : "Import"}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-2">
        <ErrorBanner message={(last === "list" ? list : importer).error?.error} />
      </div>
    </div>
  );
}
