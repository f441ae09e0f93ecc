"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importAwsRestApiAction, listAwsRestApisAction } from "@/app/(console)/connections/actions";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";

type Listed = { id: string; name: string; description: string; createdDate: string | null; importedAs: string | null };

/** Lists the REST APIs of a connection's account and imports one as a new Gatehouse API. */
export function ImportApiPanel({ connectionId, connectionName }: { connectionId: string; connectionName: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [apis, setApis] = useState<Listed[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState<string | null>(null);

  const list = () =>
    start(async () => {
      setError(null);
      const r = await listAwsRestApisAction(connectionId);
      if (r.ok) setApis(r.data);
      else setError(r.error);
    });
  const importOne = (id: string) =>
    start(async () => {
      setError(null);
      setImporting(id);
      const r = await importAwsRestApiAction(connectionId, id);
      setImporting(null);
      if (r.ok) router.push(`/apis/${r.data.id}/aws`);
      else setError(r.error);
    });

  return (
    <div className="mt-2" data-testid={`import-${connectionName}`}>
      <Button type="button" variant="secondary" onClick={list} disabled={pending}>
        {pending && !importing ? "Reading AWS…" : "Import an API"}
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
                <Button type="button" onClick={() => importOne(a.id)} disabled={pending} aria-label={`Import ${a.name}`}>
                  {importing === a.id ? "Importing…" : "Import"}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="mt-2">
        <ErrorBanner message={error} />
      </div>
    </div>
  );
}
