import { afterAll, beforeAll } from "vitest";
import { closeDatabase, useDatabaseHandle } from "@/db/index";
import { openTestDatabase } from "./test-database";

process.env.APP_URL ??= "http://localhost:3000";
process.env.APP_SECRET_KEY ??= "0".repeat(64);

beforeAll(async () => {
  useDatabaseHandle(await openTestDatabase());
});

afterAll(async () => {
  await closeDatabase();
});
