// Prisma CLI config. Only `prisma generate` is used here (migrations are our own SQL,
// applied by lib/db/migrate.ts), so no datasource URL is needed.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
