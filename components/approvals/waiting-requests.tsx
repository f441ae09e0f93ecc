/**
 * The approvals page's tables: pending change requests across the workspace, each with what it
 * would change (a link to the diff page) and the stage page where it is decided. Server-rendered,
 * no state: deciding happens on the stage page, next to the stage it changes.
 */
import Link from "next/link";
import { changeRequestDiffHref, stagePageHref } from "@/components/stages/change-request-diff";

export interface WaitingRequestView {
  id: string;
  restApiId: string;
  apiName: string;
  stageName: string;
  summary: string;
  requestedByEmail: string;
  /** ISO time the request was made. */
  createdAt: string;
  stageDeploymentId: string;
  requestedDeploymentId: string;
  /** Why this person can't approve it, when they can't (their own request, or their role). */
  notYours?: string;
}

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;
const short = (id: string) => id.slice(0, 8);
const link = "text-indigo-700 hover:underline";

export function WaitingRequestsTable({ requests, empty, testId }: { requests: WaitingRequestView[]; empty: string; testId: string }) {
  if (requests.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid={testId}>
        {empty}
      </p>
    );
  return (
    <table className="w-full table-fixed text-sm" data-testid={testId}>
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th className="w-1/6 py-1">API</th>
          <th className="w-1/12">Stage</th>
          <th>What it would change</th>
          <th className="w-1/6">Asked by</th>
          <th className="w-36">When</th>
          <th className="w-40" />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {requests.map((r) => (
          <WaitingRequestRow key={r.id} request={r} />
        ))}
      </tbody>
    </table>
  );
}

function WaitingRequestRow({ request: r }: { request: WaitingRequestView }) {
  return (
    <tr className="align-top" data-waiting-request={r.id}>
      <td className="break-words py-2 pr-2">
        <Link className={link} href={`/apis/${r.restApiId}/stages`}>
          {r.apiName}
        </Link>
      </td>
      <td className="break-words pr-2 font-medium">{r.stageName}</td>
      <td className="break-words pr-2">
        <span className="block">{r.summary}</span>
        <Link className={`text-xs ${link}`} href={changeRequestDiffHref(r.restApiId, r.stageName, r.requestedDeploymentId)} data-testid="waiting-request-diff">
          Compare {short(r.stageDeploymentId)} (runs now) with {short(r.requestedDeploymentId)}
        </Link>
      </td>
      <td className="break-words pr-2">{r.requestedByEmail}</td>
      <td className="pr-2 text-slate-600">{when(r.createdAt)}</td>
      <td>
        <Link className={link} href={stagePageHref(r.restApiId, r.stageName)}>
          {r.notYours ? "Open the stage" : "Approve or reject on the stage"}
        </Link>
        {r.notYours && <span className="block text-xs text-slate-500">{r.notYours}</span>}
      </td>
    </tr>
  );
}
