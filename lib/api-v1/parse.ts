/** Input checks shared by the pipeline API's operations: zod refusals as field errors (400). */
import { z } from "zod";
import { fromZod, ValidationError } from "../errors";
import { STAGE_NAME, STAGE_NAME_RULE } from "../stage/rules";

export const stageName = z.string().regex(STAGE_NAME, STAGE_NAME_RULE);

/** A query flag: `true` or `false`, as a pipeline writes it. */
export const flag = z.enum(["true", "false"], { message: "Write true or false" }).transform((v) => v === "true");

/** The input as the schema reads it, or a 400 naming each bad field (an unknown one by its own name: a typo in a pipeline must not pass as a default). */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const known = parsed.error.issues.filter((i) => i.code !== "unrecognized_keys");
  const unknown = parsed.error.issues.flatMap((i) =>
    i.code === "unrecognized_keys" ? i.keys.map((key) => ({ field: [...i.path, key].join("."), message: "Not a parameter of this operation" })) : [],
  );
  throw new ValidationError([...fromZod(new z.ZodError(known)).issues, ...unknown]);
}
