import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './central/db/schema.ts',
  out: './central/db/migrations',
});
