"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";

interface Line {
  type: "queued" | "retrying" | "progress" | "done" | "error";
  attempt?: number;
  done?: number;
  total?: number;
  call?: { description: string; ok: boolean; retries: number };
  message?: string;
  awsRestApiId?: string;
  awsDeploymentId?: string;
}

/**
 * Pushes a stage to AWS, showing each call as the server streams it. The push is a job on the
 * server (any instance runs it); this panel only watches: on opening, it follows a push of the
 * stage already under way (started in another tab, or on another instance), and closing it stops
 * only the watching. The connection choice can be
 * held by the parent (`connectionId`/`onConnectionChange`: the AWS tab plans through the same one).
 */
export function PushStagePanel({
  apiId,
  stageName,
  connections,
  boundConnectionId,
  awsRestApiId,
  connectionId: chosen,
  onConnectionChange,
}: {
  apiId: string;
  stageName: string;
  connections: { id: string; name: string }[];
  boundConnectionId: string | null;
  awsRestApiId: string | null;
  connectionId?: string;
  onConnectionChange?: (id: string) => void;
}) {
  const router = useRouter();
  const [own, setOwn] = useState(boundConnectionId ?? connections[0]?.id ?? "");
  const connectionId = chosen ?? own;
  const setConnectionId = (id: string) => {
    setOwn(id);
    onConnectionChange?.(id);
  };
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number }>({ done: 0, total: 0 });
  const [calls, setCalls] = useState<Line["call"][]>([]);
  const [result, setResult] = useState<Line | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const pushUrl = `/api/apis/${apiId}/stages/${encodeURIComponent(stageName)}/push`;

  /** Shows a push job's lines as they come, until it ends. */
  async function watch(res: Response) {
    if (!res.ok || !res.body) {
      setError((await res.json().catch(() => ({}))).message ?? `Push refused (${res.status})`);
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const raw of lines.filter(Boolean)) show(JSON.parse(raw) as Line);
    }
  }

  function show(line: Line) {
    if (line.type === "queued") setStatus("Queued: waiting for a worker…");
    else if (line.type === "retrying") setStatus(`The server running it stopped; continuing where it got to (attempt ${line.attempt}).`);
    else if (line.type === "progress") {
      setStatus(null);
      setProgress({ done: line.done ?? 0, total: line.total ?? 0 });
      setCalls((c) => [...c, line.call]);
    } else if (line.type === "done") setResult(line);
    else setError(line.message ?? "Push failed");
  }

  // A push of this stage already under way (another tab, another instance): follow it too.
  useEffect(() => {
    const left = new AbortController();
    fetch(pushUrl, { signal: left.signal })
      .then(async (res) => {
        if (res.status !== 200) return;
        setRunning(true);
        try {
          await watch(res);
        } finally {
          setRunning(false);
          setStatus(null);
          router.refresh();
        }
      })
      .catch(() => undefined); // left the page, or nothing to follow
    return () => {
      left.abort();
    };
  }, [pushUrl]);

  if (connections.length === 0) return <p className="mt-2 text-xs text-slate-500">Add an AWS connection to push this stage.</p>;

  async function push() {
    setRunning(true);
    setCalls([]);
    setResult(null);
    setError(null);
    try {
      await watch(await fetch(pushUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ connectionId }) }));
    } finally {
      setRunning(false);
      setStatus(null);
      router.refresh();
    }
  }

  return (
    <div className="mt-3 border-t border-slate-100 pt-3" data-testid={`push-${stageName}`}>
      <div className="flex items-end gap-2">
        <SelectField
          label="AWS connection"
          name="push.connectionId"
          value={connectionId}
          onChange={(e) => setConnectionId(e.target.value)}
          options={connections.map((c) => ({ value: c.id, label: c.name }))}
          disabled={!!boundConnectionId}
          className="flex-1"
        />
        <Button onClick={push} pending={running} disabled={!connectionId}>
          {running ? "Pushing…" : "Push to AWS"}
        </Button>
      </div>
      {awsRestApiId && (
        <p className="mt-1 text-xs text-slate-500">
          On AWS as REST API <span className="font-mono">{awsRestApiId}</span>
        </p>
      )}
      {running && status && (
        <p className="mt-2 text-xs text-slate-600" data-testid="push-status" role="status">
          {status}
        </p>
      )}
      {(running || calls.length > 0) && progress.total > 0 && (
        <div className="mt-2">
          <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={progress.done} aria-valuemax={progress.total}>
            <div className="h-2 bg-indigo-500 transition-all" style={{ width: `${(100 * progress.done) / progress.total}%` }} />
          </div>
          <ol className="mt-2 max-h-48 overflow-auto font-mono text-xs" data-testid="push-calls">
            {calls.map(
              (c, i) =>
                c && (
                  <li key={i} className={c.ok ? "text-slate-700" : "text-red-600"}>
                    {c.ok ? "✓" : "✗"} {c.description}
                    {c.retries ? ` (throttled, retried ${c.retries}×)` : ""}
                  </li>
                ),
            )}
          </ol>
        </div>
      )}
      {result && (
        <p className="mt-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-800" data-testid="push-result">
          Pushed: REST API <span className="font-mono">{result.awsRestApiId}</span>, deployment <span className="font-mono">{result.awsDeploymentId}</span>
        </p>
      )}
      {/* A streamed push is not a server action: its refusal or failure line is the message. */}
      <FormError failure={error ? { status: 0, error } : null} className="mt-2" />
    </div>
  );
}
