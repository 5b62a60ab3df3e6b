import { z } from "zod";

const csv = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  );

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  DATABASE_URL: z.string().optional(),
  /** 64 hex characters (32 bytes); generated and kept under .data/ when unset. */
  APP_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "APP_SECRET_KEY must be 64 hex characters")
    .optional(),
  CLOSED_PROVIDERS: csv.pipe(z.array(z.enum(["messenger", "whatsapp"]))),
  MESSENGER_API_BASE: z.url().default("https://graph.facebook.com/v21.0"),
  TWILIO_API_BASE: z.url().default("https://api.twilio.com"),
  /** Twilio's Content API, where the app's approved WhatsApp templates are listed (SPEC §14). */
  TWILIO_CONTENT_API_BASE: z.url().default("https://content.twilio.com"),
  /** Where agents' uploaded attachments are kept; `.data/files` when unset. */
  FILES_DIR: z.string().min(1).optional(),
  RESEND_API_KEY: z.string().optional(),
  EMAIL_FROM: z.string().default("Switchboard <notifications@switchboard.localhost>"),
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().default("mailto:admin@switchboard.localhost"),
  /** Bearer token of /api/metrics; without it the route answers 404. */
  METRICS_TOKEN: z.string().optional(),
  /** Days finished jobs, delivered notifications, sign-in failures and spent tokens are kept (lib/retention). */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
});

export type Env = z.infer<typeof schema>;

/**
 * Read on each call rather than once at import: tests and the simulator change variables
 * between runs, and parsing a dozen strings costs nothing next to a request.
 */
export function getEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** APP_URL without a trailing slash, for building absolute links and webhook URLs. */
export function appUrl(): string {
  return getEnv().APP_URL.replace(/\/+$/, "");
}
