import { closeDatabase, getDb } from "@/db/index";
import { EmbeddedDatabaseBusyError } from "@/db/pglite-lock";
import { describeDemoApps, seedDemoWorkspace } from "@/lib/demo/seed";

const asJson = process.argv.includes("--json");

try {
  const db = await getDb();
  await seedDemoWorkspace(db);
  const apps = describeDemoApps();
  if (asJson) {
    console.log(JSON.stringify({ apps }, null, 2));
  } else {
    console.log("Demo workspace ready: Demo Company (alice@demo.test, bob@demo.test, carol@demo.test) and Other Company (dave@other.test); password demo-password.\n");
    for (const app of apps) {
      console.log(`${app.name} (${app.provider})\n  id:          ${app.id}\n  webhook URL: ${app.webhookUrl}`);
      if (app.statusCallbackUrl) console.log(`  status URL:  ${app.statusCallbackUrl}`);
      if ("verifyToken" in app) console.log(`  verify token: ${app.verifyToken}`);
    }
  }
  await closeDatabase();
} catch (error) {
  if (error instanceof EmbeddedDatabaseBusyError) {
    console.error(
      `${error.message}\n\nThe running app seeds an empty embedded database by itself on first start; ` +
        "to re-seed, stop it, run `npm run db:seed`, and start it again.",
    );
    process.exit(1);
  }
  throw error;
}
