/**
 * Prisma CLI configuration. Prisma's native engines are downloads that cannot be installed here,
 * so the CLI runs its JavaScript schema engine over the node-postgres driver adapter, and the
 * generated client uses the query compiler (`engineType = "client"`). Migrations are generated
 * offline with `prisma migrate diff` and applied by `src/db/migrate.ts` (see scripts/).
 */
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/perp_margin";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "prisma", "schema.prisma"),
  async adapter() {
    return new PrismaPg({ connectionString: url });
  },
});
