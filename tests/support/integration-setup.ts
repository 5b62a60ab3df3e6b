import { afterAll, beforeAll } from "vitest";
import { closeDatabase, installDatabaseHandle } from "@/db/index";
import { openTestDatabase } from "./test-database";

process.env.APP_URL ??= "http://localhost:3000";
process.env.APP_SECRET_KEY ??= "0".repeat(64);

beforeAll(async () => {
  installDatabaseHandle(await openTestDatabase());
});

afterAll(async () => {
  await closeDatabase();
});
