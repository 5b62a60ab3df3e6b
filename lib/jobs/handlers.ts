// The one module that imports every job handler module, so the worker script and the app
// register the same handlers. Add one `import "@/lib/<module>/<handler-file>";` line per module.
import "@/lib/inbox/jobs/auto-assign";
import "@/lib/inbox/jobs/fetch-messenger-profile";
import "@/lib/inbox/jobs/send-reply";
import "@/lib/notifications/jobs/notify-message";
import "@/lib/notifications/jobs/notify-assignment";
import "@/lib/notifications/jobs/send-email-digest";
import "@/lib/notifications/jobs/notify-test";
import "@/lib/crm/jobs/history-note";
import "@/lib/retention/jobs/purge";
import "@/lib/snooze/jobs/wake-snoozed";
import "@/lib/notifications/jobs/notify-mention";
