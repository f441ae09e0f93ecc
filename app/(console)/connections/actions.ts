"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { createConnection, type ConnectionInput } from "@/lib/connection/service";

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
