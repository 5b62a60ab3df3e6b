import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import { metrics } from "@/lib/observability/metrics";
import { DUMMY_HASH, verifyPassword } from "@/lib/crypto/password";
import { beginSignInAttempt, finishSuccessfulSignIn } from "./sign-in-limit";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  password: z.string().min(1).max(1000),
});

export type CredentialsCheck =
  | { ok: true; user: { id: string; name: string; email: string } }
  | { ok: false; reason: "invalid_credentials" | "rate_limited" };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One answer for an unknown email, a wrong password and a deactivated user, so the sign-in
 * form never tells which emails exist. `client` is the caller's address (lib/http/client-address.ts);
 * `wait` is how an attempt sits out the email's delay (tests record it instead).
 */
export async function checkCredentials(
  db: Executor,
  input: unknown,
  client: string | null,
  options: { wait?: (ms: number) => Promise<void> } = {},
): Promise<CredentialsCheck> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid_credentials" };
  const { email, password } = parsed.data;
  const attempt = await beginSignInAttempt(db, email, client);
  if (!attempt.allowed) {
    metrics.signInFailures.inc({ reason: "rate_limited" });
    return { ok: false, reason: "rate_limited" };
  }
  if (attempt.delayMs > 0) await (options.wait ?? sleep)(attempt.delayMs);

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  // The attempt was already counted as a failure; only a success takes it back.
  if (!user || !user.passwordHash || !matches || !user.isActive) {
    metrics.signInFailures.inc({ reason: "invalid_credentials" });
    return { ok: false, reason: "invalid_credentials" };
  }
  await finishSuccessfulSignIn(db, email, client);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}
