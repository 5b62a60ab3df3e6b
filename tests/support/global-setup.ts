import { prepareTemplate } from "./test-database";

export default async function globalSetup() {
  if (process.env.DATABASE_URL) await prepareTemplate(process.env.DATABASE_URL);
}
