import type { AnyJob } from "@/lib/jobs/define-job";
import { historyNoteJob } from "@/lib/crm/history-note-job";
import { autoAssignJob } from "@/lib/inbox/auto-assign-job";
import { fetchMessengerProfileJob } from "@/lib/inbox/fetch-messenger-profile-job";
import { sendReplyJob } from "@/lib/inbox/send-reply-job";
import { sendEmailDigestJob } from "@/lib/notifications/email-digest";
import { notifyAssignmentJob } from "@/lib/notifications/notify-assignment-job";
import { notifyMentionJob } from "@/lib/notifications/notify-mention-job";
import { notifyMessageJob } from "@/lib/notifications/notify-message-job";
import { notifyTestJob } from "@/lib/notifications/notify-test-job";
import { retentionJob } from "@/lib/retention/purge-job";
import { wakeSnoozedJob } from "@/lib/snooze/wake-snoozed-job";

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
