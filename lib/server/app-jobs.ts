import type { AnyJob } from "@/lib/jobs/define-job";
import { historyNoteJob } from "@/lib/crm/jobs/history-note";
import { autoAssignJob } from "@/lib/inbox/jobs/auto-assign";
import { fetchMessengerProfileJob } from "@/lib/inbox/jobs/fetch-messenger-profile";
import { sendReplyJob } from "@/lib/inbox/jobs/send-reply";
import { sendEmailDigestJob } from "@/lib/notifications/email-digest";
import { notifyAssignmentJob } from "@/lib/notifications/jobs/notify-assignment";
import { notifyMentionJob } from "@/lib/notifications/jobs/notify-mention";
import { notifyMessageJob } from "@/lib/notifications/jobs/notify-message";
import { notifyTestJob } from "@/lib/notifications/jobs/notify-test";
import { retentionJob } from "@/lib/retention/jobs/purge";
import { wakeSnoozedJob } from "@/lib/snooze/jobs/wake-snoozed";

/**
 * Every job the app runs: the list the worker (in the app and in `npm run worker`) claims
 * from. A job that is defined but missing here is queued and never run, so add new ones here.
 */
export const APP_JOBS: readonly AnyJob[] = [
  sendReplyJob,
  autoAssignJob,
  fetchMessengerProfileJob,
  notifyMessageJob,
  notifyAssignmentJob,
  notifyMentionJob,
  notifyTestJob,
  sendEmailDigestJob,
  historyNoteJob,
  wakeSnoozedJob,
  retentionJob,
];
