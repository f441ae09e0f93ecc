/** AWS connections: where to reach AWS. Never credentials: those come from the server's default provider chain. */
import { z } from "zod";
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { ConflictError, fromZod, NotFoundError } from "../errors";

/** How often a connection's APIs may be checked for drift on a schedule (minutes); none when unset. */
export const DRIFT_CHECK_MINUTES = [15, 60, 360, 1440] as const;

const driftCheckMinutesSchema = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? undefined : Number(v)),
  z
    .number({ message: "Choose how often to check for drift" })
    .refine((m) => (DRIFT_CHECK_MINUTES as readonly number[]).includes(m), "Check every 15 minutes, hourly, every 6 hours or daily (or never)")
    .optional(),
);

export const connectionInputSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(64, "At most 64 characters"),
  region: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, "Enter an AWS region such as us-east-1"),
  roleArn: z
    .string()
    .trim()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "Enter a role ARN such as arn:aws:iam::123456789012:role/Deployer")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  endpointUrl: z
    .string()
    .trim()
    .url({ protocol: /^https?$/, message: "Enter a URL such as http://localhost:4566" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  profile: z
    .string()
    .trim()
    .max(128)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Scheduled drift checks of the APIs bound to it (lib/jobs/drift-job.ts). */
  driftCheckMinutes: driftCheckMinutesSchema,
});

export type ConnectionInput = z.input<typeof connectionInputSchema>;

export async function listConnections(db: Db, workspaceId: string) {
  return db.awsConnection.findMany({ where: { workspaceId }, orderBy: { name: "asc" } });
}

export async function createConnection(db: Db, actor: Actor, raw: ConnectionInput) {
  assertCan(actor.role, "connection.write");
  const parsed = connectionInputSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  const input = parsed.data;
  return mutate(db, actor, async (tx) => {
    if (await tx.awsConnection.findFirst({ where: { workspaceId: actor.workspaceId, name: input.name } })) {
      throw new ConflictError(`A connection named ${input.name} already exists`);
    }
    const row = await tx.awsConnection.create({ data: { workspaceId: actor.workspaceId, ...input } });
    return {
      result: row,
      audit: {
        action: "connection.create",
        entityType: "awsConnection",
        entityId: row.name,
        summary: `Connected ${input.region} as ${input.name}`,
        before: null,
        after: input,
      },
    };
  });
}

const connectionIdSchema = z.string().uuid("Unknown connection");

async function findConnection(tx: Pick<Db, "awsConnection">, workspaceId: string, connectionId: string) {
  const id = connectionIdSchema.safeParse(connectionId);
  const row = id.success ? await tx.awsConnection.findFirst({ where: { id: id.data, workspaceId } }) : null;
  if (!row) throw new NotFoundError("AWS connection");
  return row;
}

const fieldsOf = (row: {
  name: string;
  region: string;
  roleArn: string | null;
  endpointUrl: string | null;
  profile: string | null;
  driftCheckMinutes: number | null;
}) => ({
  name: row.name,
  region: row.region,
  roleArn: row.roleArn ?? undefined,
  endpointUrl: row.endpointUrl ?? undefined,
  profile: row.profile ?? undefined,
  driftCheckMinutes: row.driftCheckMinutes ?? undefined,
});

/** Changes a connection's name, region, endpoint, role ARN or profile, validated as on creation. APIs bound to it follow. */
export async function updateConnection(db: Db, actor: Actor, connectionId: string, raw: ConnectionInput) {
  assertCan(actor.role, "connection.write");
  const parsed = connectionInputSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  const input = parsed.data;
  return mutate(db, actor, async (tx) => {
    const current = await findConnection(tx, actor.workspaceId, connectionId);
    if (await tx.awsConnection.findFirst({ where: { workspaceId: actor.workspaceId, name: input.name, id: { not: current.id } } })) {
      throw new ConflictError(`A connection named ${input.name} already exists`);
    }
    // Cleared optional fields are written as NULL, not left as they were (the schema lets an empty profile through as "").
    const row = await tx.awsConnection.update({
      where: { id: current.id },
      data: {
        name: input.name,
        region: input.region,
        roleArn: input.roleArn || null,
        endpointUrl: input.endpointUrl || null,
        profile: input.profile || null,
        driftCheckMinutes: input.driftCheckMinutes ?? null,
      },
    });
    return {
      result: row,
      audit: {
        action: "connection.update",
        entityType: "awsConnection",
        entityId: row.name,
        summary: current.name === row.name ? `Updated connection ${row.name}` : `Updated connection ${current.name}, now named ${row.name}`,
        before: fieldsOf(current),
        after: fieldsOf(row),
      },
    };
  });
}

/**
 * Deletes a connection, refused (409, naming them) while an API is bound to it: unbinding them
 * silently would make their next push or drift check fail. Its pushes go with it (foreign key);
 * the audit rows stay. Nothing on AWS is touched.
 */
export async function deleteConnection(db: Db, actor: Actor, connectionId: string) {
  assertCan(actor.role, "connection.delete");
  return mutate(db, actor, async (tx) => {
    const current = await findConnection(tx, actor.workspaceId, connectionId);
    // Holds back an import or binding that would reference this connection while it is checked.
    await tx.$queryRaw`SELECT 1 FROM "aws_connections" WHERE "id" = ${current.id}::uuid FOR UPDATE`;
    const bound = await tx.restApi.findMany({ where: { awsConnectionId: current.id }, select: { name: true }, orderBy: { name: "asc" } });
    if (bound.length) {
      throw new ConflictError(
        `Connection ${current.name} cannot be deleted: ${bound.length === 1 ? "API" : "APIs"} ${bound.map((a) => a.name).join(", ")} ${bound.length === 1 ? "is" : "are"} bound to it. Delete ${bound.length === 1 ? "it" : "them"} first.`,
      );
    }
    await tx.awsConnection.delete({ where: { id: current.id } });
    return {
      result: { id: current.id, name: current.name },
      audit: {
        action: "connection.delete",
        entityType: "awsConnection",
        entityId: current.name,
        summary: `Deleted connection ${current.name} (nothing on AWS was touched)`,
        before: fieldsOf(current),
        after: null,
      },
    };
  });
}
