import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { dropDatabase, prepareTemplate } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated PostgreSQL template this run's test databases are copied from; null on PGlite. */
    testTemplate: string | null;
  }
}

/**
 * A template per run, so two runs on one PostgreSQL server (two engineers, or CI next to a
 * developer) never drop each other's template mid-run.
 */
export default async function globalSetup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide("testTemplate", null);
    return;
  }
  const template = `switchboard_test_template_${randomBytes(4).toString("hex")}`;
  await prepareTemplate(url, template);
  project.provide("testTemplate", template);
  return () => dropDatabase(url, template);
}
