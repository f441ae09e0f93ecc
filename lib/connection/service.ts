/** AWS connections: where to reach AWS. Never credentials: those come from the server's default provider chain. */
import { z } from "zod";
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { ConflictError, fromZod } from "../errors";

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
