/**
 * SPEC §9's production defaults, in one place: who may seed the demo workspace, when its
 * sign-in hint shows, and which secrets a production server on PostgreSQL must be given.
 */

type Env = Record<string, string | undefined>;

const isProduction = (env: Env) => env.NODE_ENV === "production";

/**
 * The demo workspace, with its documented password, is loaded by itself only by the development
 * server on an empty embedded database, or when SEED_DEMO=1 asks for it (any empty database).
 * `npm run db:seed` loads it explicitly. `next start` never does on its own.
 */
export function shouldSeedDemo(options: { databaseKind: "pglite" | "postgres"; env?: Env }): boolean {
  const env = options.env ?? process.env;
  if (env.SEED_DEMO === "1") return true;
  return options.databaseKind === "pglite" && env.NODE_ENV === "development";
}

/** The "alice@demo.test / demo-password" hint: only outside production, and only when the demo exists. */
export function mayShowDemoHint(env: Env = process.env): boolean {
  return !isProduction(env);
}

/**
 * Instances on one PostgreSQL must share their secrets: one that generated its own could neither
 * read another's sessions (AUTH_SECRET) nor decrypt the apps' credentials (APP_SECRET_KEY).
 * Returns the names of the missing variables; an empty list means the server may start.
 */
export function missingProductionSecrets(env: Env = process.env): string[] {
  if (!isProduction(env) || !env.DATABASE_URL) return [];
  return ["AUTH_SECRET", "APP_SECRET_KEY"].filter((name) => !env[name]?.trim());
}

export class MissingSecretsError extends Error {
  constructor(readonly variables: string[]) {
    super(
      `Refusing to start: ${variables.join(" and ")} must be set when DATABASE_URL is set in production ` +
        "(every instance on the database must share them). Generate AUTH_SECRET with `openssl rand -base64 32` " +
        "and APP_SECRET_KEY with `openssl rand -hex 32`.",
    );
    this.name = "MissingSecretsError";
  }
}

export function assertProductionSecrets(env: Env = process.env): void {
  const missing = missingProductionSecrets(env);
  if (missing.length > 0) throw new MissingSecretsError(missing);
}
