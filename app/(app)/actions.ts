"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/index";
import { users } from "@/db/schema";
import { authedAction } from "@/lib/auth/authed-action";
import { signOut } from "@/lib/auth/index";
import { LOCALES } from "@/lib/i18n/locales";
import { LOGIN_PATH } from "@/lib/paths";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: LOGIN_PATH });
}

export const setLanguageAction = authedAction(z.object({ locale: z.enum(LOCALES) }), async (actor, input) => {
  const db = await getDb();
  await db.update(users).set({ locale: input.locale }).where(eq(users.id, actor.userId));
  revalidatePath("/", "layout");
  return { ok: true as const, value: input.locale };
});
