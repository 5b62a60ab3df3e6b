import { eq } from "drizzle-orm";
import { z } from "zod";
import { users, workspaces } from "@/db/schema";
import { translatorFor } from "@/lib/i18n/translator";
import { defineJob } from "@/lib/jobs/define-job";
import { HOME_PATH } from "@/lib/paths";
import { NOTIFICATION_EVENTS } from "./events";
import { emailNotice } from "./email-notice";
import { notifyDesktop } from "./notify-user";
import { loadPreferences } from "./preferences";

/** "Send a test notification": every browser of the user, the open tab, and email if any event emails them. */
export const notifyTestJob = defineJob({
  queue: "notify.test",
  payload: z.object({ userId: z.uuid() }),
  async handle(db, { userId }, context) {
    const [row] = await db
      .select({ user: users, defaultLocale: workspaces.defaultLocale })
      .from(users)
      .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
      .where(eq(users.id, userId))
      .limit(1);
    if (!row?.user.isActive) return;
    const { user } = row;
    const { t } = await translatorFor(user.locale ?? row.defaultLocale);
    const deliveryKey = `notify.test:${context.jobId}`;
    const claim = { userId, event: "test", conversationId: null };
    await notifyDesktop(db, deliveryKey, { ...claim, channel: "desktop", workspaceId: user.workspaceId, appId: null }, {
      title: t("notify.testTitle"),
      body: t("notify.testBody"),
      url: HOME_PATH,
      tag: "switchboard-test",
    });

    const preferences = (await loadPreferences(db, [userId])).get(userId)!;
    if (NOTIFICATION_EVENTS.some((event) => preferences[event].email)) {
      await emailNotice(db, deliveryKey, claim, {
        to: user.email,
        subject: t("notify.email.testSubject"),
        heading: t("notify.email.testSubject"),
        body: t("notify.email.testBody"),
        path: HOME_PATH,
        copy: { preview: t("notify.email.testSubject"), footer: t("notify.email.footer"), cta: t("notify.email.ctaInbox") },
      });
    }
  },
});
