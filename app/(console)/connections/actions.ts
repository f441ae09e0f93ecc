"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { createConnection, deleteConnection, updateConnection, type ConnectionInput } from "@/lib/connection/service";

export async function createConnectionAction(input: ConnectionInput) {
  return runAction("connection.write", async ({ db, actor }) => {
    const row = await createConnection(db, actor, z.object({}).passthrough().parse(input) as ConnectionInput);
    revalidatePath("/connections");
    return { id: row.id };
  });
}

export async function testConnectionAction(connectionId: string) {
  return runAction("read", async ({ db, user }) => {
    const id = z.string().uuid("Unknown connection").parse(connectionId);
    const conn = await db.awsConnection.findFirst({ where: { id, workspaceId: user.workspaceId } });
    if (!conn) return { ok: false, checks: [{ name: "connection", ok: false, message: "Connection not found" }] };
    const { testConnection } = await import("@/lib/aws/test-connection");
    return testConnection(conn);
  });
}

export async function listAwsRestApisAction(connectionId: string) {
  return runAction("aws.push", async ({ db, actor }) => {
    const { listImportableApis } = await import("@/lib/connection/import-service");
    return listImportableApis(db, actor, z.string().parse(connectionId ?? ""));
  });
}

export async function importAwsRestApiAction(connectionId: string, awsRestApiId: string) {
  return runAction("aws.push", async ({ actor }) => {
    // A job on any instance's worker: the import finishes even if this request goes away.
    const { consoleJobs, importAsJob } = await import("@/lib/jobs");
    const result = await importAsJob(await consoleJobs(), actor, { connectionId: String(connectionId ?? ""), awsRestApiId: String(awsRestApiId ?? "") });
    revalidatePath("/apis");
    return result;
  });
}

export async function updateConnectionAction(connectionId: string, input: ConnectionInput) {
  return runAction("connection.write", async ({ db, actor }) => {
    const row = await updateConnection(db, actor, z.string().parse(connectionId), z.object({}).passthrough().parse(input) as ConnectionInput);
    revalidatePath("/connections");
    return { id: row.id, name: row.name };
  });
}

/** Deletes a connection no API is bound to. Nothing on AWS is touched. */
export async function deleteConnectionAction(connectionId: string) {
  return runAction("connection.delete", async ({ db, actor }) => {
    const r = await deleteConnection(db, actor, z.string().parse(connectionId));
    revalidatePath("/connections");
    return r;
  });
}
