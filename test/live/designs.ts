/** Designs the live suites push: AWS's own PetStore example, and every entity kind push writes. */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { ApiDesign } from "../../lib/model/design";
import { importOpenApiDocument } from "../../lib/openapi/import";

export { fullDesign } from "../helpers/aws-designs";

const PETSTORE_FILE = new URL("../../lib/openapi/fixtures/aws-petstore.yaml", import.meta.url);

/** The PetStore the API Gateway console creates as its example API (lib/openapi/fixtures/aws-petstore.yaml). */
export function petStoreDesign(name?: string): ApiDesign {
  const { design } = importOpenApiDocument(parseYaml(readFileSync(PETSTORE_FILE, "utf8")));
  return name ? { ...design, name } : design;
}
