import { sql } from "drizzle-orm";
import type { MessageKind, MessagePayload } from "./message-content";
import { DEAL_STAGE_VALUES } from "./enum-values";
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const id = () => uuid("id").primaryKey().defaultRandom();
const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const roleEnum = pgEnum("role", ["admin", "member"]);
export const providerEnum = pgEnum("provider", ["messenger", "whatsapp"]);
export const accessModeEnum = pgEnum("access_mode", ["everyone", "chosen"]);
export const conversationStatusEnum = pgEnum("conversation_status", ["open", "closed"]);
export const directionEnum = pgEnum("message_direction", ["inbound", "outbound"]);
export const deliveryStateEnum = pgEnum("delivery_state", [
  "received",
  "pending",
  "sent",
  "delivered",
  "read",
  "failed",
]);
export const activityKindEnum = pgEnum("activity_kind", [
  "assigned",
  "unassigned",
  "closed",
  "reopened",
  "reopened_by_message",
  "linked",
  "unlinked",
  "referral",
  "assignee_deactivated",
  // Spec §13 snooze: put aside until a time, taken back early by hand, woken by the time or by the customer.
  "snoozed",
  "unsnoozed",
  "snooze_ended",
  "woken_by_message",
  // Spec §13: a private note (detail: text and mentions, db/note-detail.ts); never sent or put in CRM notes.
  "note",
]);
/** db/message-content.ts holds each kind's payload schema. */
export const messageKindEnum = pgEnum("message_kind", ["text", "location", "sticker", "contact", "template", "unsupported"]);
export const jobStatusEnum = pgEnum("job_status", ["queued", "running", "done", "failed"]);

export const workspaces = pgTable("workspaces", {
  id: id(),
  name: text("name").notNull(),
  defaultLocale: text("default_locale").notNull().default("en"),
  /** Issue 16: a reply to an unassigned open conversation assigns it to the replier. */
  claimOnReply: boolean("claim_on_reply").notNull().default(true),
  createdAt: createdAt(),
});

/** emailVerified and image are left from the Auth.js adapter, which is no longer used (docs/decisions.md). */
export const users = pgTable(
  "users",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    emailVerified: at("email_verified"),
    image: text("image"),
    passwordHash: text("password_hash"),
    role: roleEnum("role").notNull().default("member"),
    isActive: boolean("is_active").notNull().default(true),
    isAvailable: boolean("is_available").notNull().default(true),
    locale: text("locale"),
    lastSignInAt: at("last_sign_in_at"),
    deactivatedAt: at("deactivated_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email), index("users_workspace_idx").on(t.workspaceId)],
);

/**
 * One row per signed-in browser (spec §15): the JWT carries only this random id, and every
 * request checks the row, so deleting it ends the session on the server at once.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: at("expires_at").notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const tokenPurposeEnum = pgEnum("token_purpose", ["invitation", "email_change", "password_reset", "magic_link"]);

/**
 * Every one-time link (lib/auth/one-time-tokens.ts): only the SHA-256 of the 32 random
 * bytes is kept. Invitations are tokens too: a pending invitation is an unused, unrevoked one.
 */
export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    id: id(),
    purpose: tokenPurposeEnum("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** The invited address, the new address of an email change, or the address a link went to. */
    email: text("email").notNull(),
    role: roleEnum("role"),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
    revokedAt: at("revoked_at"),
  },
  (t) => [
    uniqueIndex("one_time_tokens_hash_key").on(t.tokenHash),
    // Emails are unique across the installation: one pending invitation per address.
    uniqueIndex("one_time_tokens_pending_invitation_key")
      .on(t.email)
      .where(sql`${t.purpose} = 'invitation' and ${t.usedAt} is null and ${t.revokedAt} is null`),
    index("one_time_tokens_workspace_idx").on(t.workspaceId, t.purpose),
  ],
);

/** Forgotten-password requests, per email and per client, for the 5-per-hour limit. */
export const resetRequests = pgTable(
  "reset_requests",
  {
    id: id(),
    key: text("key").notNull(),
    requestedAt: at("requested_at").notNull().defaultNow(),
  },
  (t) => [index("reset_requests_key_idx").on(t.key, t.requestedAt)],
);

/**
 * The sign-in limit's counters, one row per (email, client) pair: `failures` within the window
 * that began at `window_started_at`; `failed_at` is the latest. Counting an attempt is one
 * upsert on `key`, so the check and the count are one atomic step (lib/auth/sign-in-limit.ts).
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: id(),
    /** `email client`, lower-cased email and the client address. */
    key: text("key").notNull(),
    email: text("email").notNull().default(""),
    failures: integer("failures").notNull().default(1),
    windowStartedAt: at("window_started_at").notNull().defaultNow(),
    failedAt: at("failed_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sign_in_failures_key").on(t.key), index("sign_in_failures_email_idx").on(t.email, t.failedAt)],
);

/** When a user last did an action that is limited per user (the test notification: once per 10 s). */
export const userActionMarks = pgTable(
  "user_action_marks",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    lastAt: at("last_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.action] })],
);

export const messagingApps = pgTable(
  "messaging_apps",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    provider: providerEnum("provider").notNull(),
    name: text("name").notNull(),
    installerId: uuid("installer_id")
      .notNull()
      .references(() => users.id),
    /** Messenger page id or the WhatsApp sender (`whatsapp:+E164`); not secret, shown in settings. */
    externalAccountId: text("external_account_id").notNull(),
    /** AES-256-GCM envelope of the provider credentials (lib/crypto/secret-box.ts). */
    encryptedCredentials: text("encrypted_credentials").notNull(),
    verifyToken: text("verify_token"),
    accessMode: accessModeEnum("access_mode").notNull().default("everyone"),
    installedAt: at("installed_at").notNull().defaultNow(),
    uninstalledAt: at("uninstalled_at"),
    lastWebhookAt: at("last_webhook_at"),
    lastError: text("last_error"),
    lastErrorAt: at("last_error_at"),
    /** SPEC §13: new conversations go to an available teammate (lib/inbox/auto-assign.ts); off by default. */
    autoAssign: boolean("auto_assign").notNull().default(false),
    /** The most open conversations auto-assignment gives one person; null: no limit. */
    autoAssignLimit: integer("auto_assign_limit"),
  },
  (t) => [index("messaging_apps_workspace_idx").on(t.workspaceId)],
);

export const appAccess = pgTable(
  "app_access",
  {
    appId: uuid("app_id")
      .notNull()
      .references(() => messagingApps.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.appId, t.userId] }), index("app_access_user_idx").on(t.userId)],
);

export const conversations = pgTable(
  "conversations",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    appId: uuid("app_id")
      .notNull()
      .references(() => messagingApps.id, { onDelete: "cascade" }),
    externalContactId: text("external_contact_id").notNull(),
    contactName: text("contact_name").notNull(),
    status: conversationStatusEnum("status").notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id),
    // Millisecond precision, like the JS Dates in keyset cursors, so a page boundary never splits a tie.
    lastActivityAt: at("last_activity_at").notNull().default(sql`date_trunc('milliseconds', now())`),
    lastMessageAt: at("last_message_at"),
    lastMessagePreview: text("last_message_preview"),
    /**
     * The preview's message's own time (occurred_at): a message that commits late but happened
     * earlier (webhooks race) leaves a newer preview alone. Null: any message replaces it.
     */
    lastPreviewAt: at("last_preview_at"),
    /** The list's preview line words a location or sticker in the reader's language from this. */
    lastMessageKind: messageKindEnum("last_message_kind").notNull().default("text"),
    /** The preview's message's direction and sender (issue 16): the list words "You:" / "Bob:" and "waiting" from these. */
    lastMessageDirection: directionEnum("last_message_direction"),
    lastMessageAuthorId: uuid("last_message_author_id").references(() => users.id, { onDelete: "set null" }),
    /** A user renamed the contact: provider names (Messenger profile, WhatsApp ProfileName) no longer replace it. */
    isContactNameLocked: boolean("contact_name_locked").notNull().default(false),
    createdAt: createdAt(),
    /** A deleted conversation stays as a tombstone (no messages) so links in CRM notes can say so. */
    deletedAt: at("deleted_at"),
    /** Spec §13: an open conversation hidden from its view until then (lib/snooze); null when not snoozed. */
    snoozedUntil: at("snoozed_until"),
  },
  (t) => [
    uniqueIndex("conversations_app_contact_key")
      .on(t.appId, t.externalContactId)
      .where(sql`${t.deletedAt} is null`),
    // One partial index per view shape (docs/decisions.md, "Views at scale"), led by the app
    // and in the view's order: a page reads its 26 rows per app and a capped count at most
    // COUNT_CAP + 1 entries per app, on the index alone (assignee_id for "others"). Ascending
    // on purpose: scanned backwards it yields `desc` = DESC NULLS FIRST, the queries' order;
    // a DESC NULLS LAST index cannot provide that order and the planner sorts instead.
    // Snoozed conversations sit in none of the three open views (spec §13), only in their own.
    index("conversations_app_unassigned_idx")
      .on(t.appId, t.lastActivityAt, t.id)
      .where(sql`${t.deletedAt} is null and ${t.status} = 'open' and ${t.snoozedUntil} is null and ${t.assigneeId} is null`),
    index("conversations_app_assignee_idx")
      .on(t.appId, t.assigneeId, t.lastActivityAt, t.id)
      .where(sql`${t.deletedAt} is null and ${t.status} = 'open' and ${t.snoozedUntil} is null and ${t.assigneeId} is not null`),
    index("conversations_app_assigned_idx")
      .on(t.appId, t.lastActivityAt, t.id, t.assigneeId)
      .where(sql`${t.deletedAt} is null and ${t.status} = 'open' and ${t.snoozedUntil} is null and ${t.assigneeId} is not null`),
    index("conversations_app_snoozed_idx")
      .on(t.appId, t.lastActivityAt, t.id)
      .where(sql`${t.deletedAt} is null and ${t.status} = 'open' and ${t.snoozedUntil} is not null`),
    index("conversations_app_closed_idx")
      .on(t.appId, t.lastActivityAt, t.id)
      .where(sql`${t.deletedAt} is null and ${t.status} = 'closed'`),
    // Auto-assignment counts each candidate's open conversations across the workspace's apps.
    index("conversations_assignee_open_idx")
      .on(t.assigneeId)
      .where(sql`${t.deletedAt} is null and ${t.status} = 'open' and ${t.assigneeId} is not null`),
  ],
);

/** `name`: a file's or shared link's title when the provider gives one. */
export type Attachment = {
  type: "image" | "video" | "audio" | "file";
  url: string;
  contentType?: string;
  name?: string;
  /** An agent's upload kept by the app (`files`): the provider gets a signed /api/files link to it. */
  fileId?: string;
};

export const messages = pgTable(
  "messages",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    appId: uuid("app_id")
      .notNull()
      .references(() => messagingApps.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    direction: directionEnum("direction").notNull(),
    providerMessageId: text("provider_message_id"),
    text: text("text").notNull().default(""),
    attachments: jsonb("attachments").$type<Attachment[]>().notNull().default([]),
    /** SPEC §14: what the message holds beyond text; `payload` is read back through readContent(). */
    kind: messageKindEnum("kind").notNull().default("text"),
    payload: jsonb("payload").$type<MessagePayload>(),
    /** The contact's reaction (an emoji), removed again on unreact. */
    reaction: text("reaction"),
    editedAt: at("edited_at"),
    /** The provider id of the message this one quotes; the thread shows it when it is stored. */
    replyToProviderMessageId: text("reply_to_provider_message_id"),
    senderUserId: uuid("sender_user_id").references(() => users.id),
    state: deliveryStateEnum("state").notNull(),
    failureReason: text("failure_reason"),
    /**
     * Set while a send request is out; still set after a crash means the outcome is unknown,
     * and the message is never sent again without the user asking (docs/decisions.md).
     */
    sendStartedAt: at("send_started_at"),
    sendAttempts: integer("send_attempts").notNull().default(0),
    occurredAt: at("occurred_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("messages_app_provider_id_key").on(t.appId, t.providerMessageId),
    index("messages_thread_idx").on(t.conversationId, t.occurredAt.desc(), t.id.desc()),
  ],
);

/**
 * SPEC §14, sending attachments: a file an agent uploaded from the reply box of a conversation.
 * The bytes live under FILES_DIR (`.data/files` by default) named by `id`; providers fetch them
 * through a signed, expiring /api/files/{id} link.
 */
export const files = pgTable(
  "files",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("files_conversation_idx").on(t.conversationId)],
);

/**
 * Provider ids of messages deleted with their conversation: a provider retrying one of them
 * later must not bring it back as a new conversation (idempotency outlives the delete).
 */
export const deletedMessageIds = pgTable(
  "deleted_message_ids",
  {
    appId: uuid("app_id")
      .notNull()
      .references(() => messagingApps.id, { onDelete: "cascade" }),
    providerMessageId: text("provider_message_id").notNull(),
    deletedAt: at("deleted_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.providerMessageId] })],
);

export const conversationActivities = pgTable(
  "conversation_activities",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    kind: activityKindEnum("kind").notNull(),
    actorId: uuid("actor_id").references(() => users.id),
    targetUserId: uuid("target_user_id").references(() => users.id),
    detail: jsonb("detail").$type<Record<string, string>>(),
    occurredAt: at("occurred_at").notNull().defaultNow(),
  },
  (t) => [
    index("conversation_activities_thread_idx").on(t.conversationId, t.occurredAt),
    // Auto-assignment's tie-break: how long since each candidate was last given a conversation.
    index("conversation_activities_assigned_target_idx")
      .on(t.targetUserId, t.occurredAt)
      .where(sql`${t.kind} = 'assigned'`),
  ],
);

export const conversationReads = pgTable(
  "conversation_reads",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    readAt: at("read_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);

/** Durable background work; claimed with FOR UPDATE SKIP LOCKED (see docs/decisions.md). */
export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    queue: text("queue").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** Enqueuing the same key twice is a no-op: a replayed webhook queues nothing new. */
    dedupeKey: text("dedupe_key"),
    status: jobStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    runAt: at("run_at").notNull().defaultNow(),
    lockedUntil: at("locked_until"),
    lastError: text("last_error"),
    /** The request that queued it (or whose job did), so its log lines join the request's. */
    requestId: text("request_id"),
    /** The worker holding the claim, so a worker shutting down hands back exactly its own jobs. */
    lockedBy: text("locked_by"),
    createdAt: createdAt(),
    finishedAt: at("finished_at"),
    /** Whose work it is: claiming takes workspaces in turn, so one's flood delays no other (spec §15). No foreign key: a deleted workspace's jobs find nothing to do. */
    workspaceId: uuid("workspace_id"),
    /** Lower goes first across all workspaces: replies (0) before notifications, emails and notes (1). */
    priority: smallint("priority").notNull().default(1),
  },
  (t) => [
    uniqueIndex("jobs_dedupe_key").on(t.dedupeKey),
    index("jobs_due_idx").on(t.runAt).where(sql`${t.status} in ('queued', 'running')`),
    // Failed counts for metrics and the retention purge's batches, without scanning every job.
    index("jobs_finished_idx").on(t.status, t.finishedAt).where(sql`${t.finishedAt} is not null`),
    index("jobs_fair_claim_idx")
      .on(t.workspaceId, t.priority, t.runAt)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

export const notificationChannelEnum = pgEnum("notification_channel", ["desktop", "email"]);
export const deliveryStatusEnum = pgEnum("notification_delivery_status", ["sending", "sent", "failed", "skipped"]);

/** Only choices a user saved; everything else follows the defaults of spec §6 (lib/notifications/events.ts). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    channel: notificationChannelEnum("channel").notNull(),
    enabled: boolean("enabled").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.event, t.channel] })],
);

/** One per browser a user subscribed from; the endpoint identifies the browser. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSuccessAt: at("last_success_at"),
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint_key").on(t.endpoint), index("push_subscriptions_user_idx").on(t.userId)],
);

/**
 * One row per (event, recipient, channel/browser), written before sending: its unique key is
 * what makes a retried or re-run job skip what was already sent.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: id(),
    deliveryKey: text("delivery_key").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channel: notificationChannelEnum("channel").notNull(),
    event: text("event").notNull(),
    conversationId: uuid("conversation_id"),
    status: deliveryStatusEnum("status").notNull().default("sending"),
    error: text("error"),
    createdAt: createdAt(),
    sentAt: at("sent_at"),
  },
  (t) => [
    uniqueIndex("notification_deliveries_key").on(t.deliveryKey),
    index("notification_deliveries_user_idx").on(t.userId, t.createdAt),
    // The retention purge's batches (lib/retention).
    index("notification_deliveries_created_idx").on(t.createdAt),
  ],
);

/**
 * Email coalescing (spec §6): when the user was last emailed about a conversation, and a
 * generation that each digest run moves on, so messages after a run queue a new digest.
 */
export const emailCursors = pgTable(
  "email_cursors",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    lastEmailAt: at("last_email_at").notNull(),
    generation: integer("generation").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.conversationId] })],
);

/** The messages waiting for a user's next digest of a conversation: exact, no time comparisons. */
export const emailDigestItems = pgTable(
  "email_digest_items",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.messageId] }), index("email_digest_items_conversation_idx").on(t.userId, t.conversationId)],
);

/** Where emails go without RESEND_API_KEY; shown at /dev/outbox in development. */
export const outboxEmails = pgTable("outbox_emails", {
  id: id(),
  to: text("to").notNull(),
  from: text("from").notNull(),
  subject: text("subject").notNull(),
  html: text("html").notNull(),
  text: text("text").notNull(),
  createdAt: createdAt(),
});

export const dealStageEnum = pgEnum("deal_stage", DEAL_STAGE_VALUES);
export const noteKindEnum = pgEnum("note_kind", ["manual", "history"]);

export const persons = pgTable(
  "persons",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    phones: jsonb("phones").$type<string[]>().notNull().default([]),
    emails: jsonb("emails").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index("persons_list_idx").on(t.workspaceId, t.name, t.id)],
);

export const leads = pgTable(
  "leads",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    personId: uuid("person_id").references(() => persons.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("leads_list_idx").on(t.workspaceId, t.title, t.id)],
);

export const deals = pgTable(
  "deals",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Minor units are not used: numeric keeps cents exact and the sums honest. */
    value: numeric("value", { precision: 14, scale: 2 }).notNull().default("0"),
    currency: text("currency").notNull(),
    stage: dealStageEnum("stage").notNull().default("qualified"),
    personId: uuid("person_id").references(() => persons.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("deals_list_idx").on(t.workspaceId, t.title, t.id)],
);

/** At most one person, one lead and one deal per conversation (spec §7). */
export const conversationLinks = pgTable("conversation_links", {
  conversationId: uuid("conversation_id")
    .primaryKey()
    .references(() => conversations.id, { onDelete: "cascade" }),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  personId: uuid("person_id").references(() => persons.id, { onDelete: "set null" }),
  leadId: uuid("lead_id").references(() => leads.id, { onDelete: "set null" }),
  dealId: uuid("deal_id").references(() => deals.id, { onDelete: "set null" }),
  /**
   * When the note made on linking was written. Until then a message's job leaves the record
   * alone: the linking note will hold that message anyway, and two notes must not.
   */
  personNoteStartedAt: at("person_note_started_at"),
  leadNoteStartedAt: at("lead_note_started_at"),
  dealNoteStartedAt: at("deal_note_started_at"),
});

export type HistoryEntry = {
  messageId: string;
  direction: "inbound" | "outbound";
  sender: string;
  text: string;
  attachments: number;
  at: string;
  /** Absent in notes written before message kinds existed: plain text. */
  kind?: MessageKind;
  payload?: MessagePayload | null;
};
export type HistoryContent = {
  conversationId: string;
  contactName: string;
  appName: string;
  assigneeName: string | null;
  status: "open" | "closed";
  entries: HistoryEntry[];
};

export const notes = pgTable(
  "notes",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    personId: uuid("person_id").references(() => persons.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "cascade" }),
    dealId: uuid("deal_id").references(() => deals.id, { onDelete: "cascade" }),
    kind: noteKindEnum("kind").notNull().default("manual"),
    body: text("body").notNull().default(""),
    /** History notes only: structured, rendered by React, never HTML. */
    history: jsonb("history").$type<HistoryContent>(),
    /** No foreign key: the note outlives a deleted conversation (spec §5). */
    conversationId: uuid("conversation_id"),
    /** History notes take messages for 24 hours from here (lib/crm/note-window.ts). */
    windowStartAt: at("window_start_at"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    /** Set when a person edits a history note: from then on it is theirs and never touched again. */
    editedAt: at("edited_at"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // The feed pages by (updated_at, id), newest first (lib/crm/notes.ts).
    index("notes_person_idx").on(t.personId, t.updatedAt, t.id),
    index("notes_lead_idx").on(t.leadId, t.updatedAt, t.id),
    index("notes_deal_idx").on(t.dealId, t.updatedAt, t.id),
    index("notes_history_idx").on(t.conversationId, t.createdAt),
  ],
);

/**
 * Saved answers (SPEC §13): admins write them, everyone inserts them with `/` in the reply box.
 * Names are unique per workspace ignoring case, so `/greeting` always means one response.
 */
export const cannedResponses = pgTable(
  "canned_responses",
  {
    id: id(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    text: text("text").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("canned_responses_workspace_name_key").on(t.workspaceId, sql`lower(${t.name})`)],
);

export type Workspace = typeof workspaces.$inferSelect;
export type User = typeof users.$inferSelect;
export type MessagingApp = typeof messagingApps.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type ConversationActivity = typeof conversationActivities.$inferSelect;
export type Job = typeof jobs.$inferSelect;
export type Provider = (typeof providerEnum.enumValues)[number];
export type DealStage = (typeof dealStageEnum.enumValues)[number];
export type DeliveryState = (typeof deliveryStateEnum.enumValues)[number];
export type NotificationChannel = (typeof notificationChannelEnum.enumValues)[number];
export type PushSubscription = typeof pushSubscriptions.$inferSelect;
export type Person = typeof persons.$inferSelect;
export type Lead = typeof leads.$inferSelect;
export type Deal = typeof deals.$inferSelect;
export type Note = typeof notes.$inferSelect;
export type StoredFile = typeof files.$inferSelect;
export type CannedResponse = typeof cannedResponses.$inferSelect;
