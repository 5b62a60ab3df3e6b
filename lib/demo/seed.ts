import { count } from "drizzle-orm";
import { appUrl } from "@/lib/env";
import { hashPassword } from "@/lib/crypto/password";
import { sealJson } from "@/lib/crypto/secret-box";
import { webhookUrls } from "@/lib/channels/webhook-urls";
import type { Database } from "@/db/client";
import {
  appAccess,
  conversationActivities,
  conversationReads,
  conversations,
  messages,
  messagingApps,
  users,
  workspaces,
  type Attachment,
} from "@/db/schema";

/** Stable ids, so docs, the simulator and tests can name the demo records. */
export const DEMO = {
  workspaceId: "00000000-0000-4000-8000-000000000001",
  otherWorkspaceId: "00000000-0000-4000-8000-000000000002",
  users: {
    alice: "00000000-0000-4000-8000-00000000a11c",
    bob: "00000000-0000-4000-8000-000000000b0b",
    carol: "00000000-0000-4000-8000-0000000ca201",
    dave: "00000000-0000-4000-8000-000000000da7",
  },
  messengerAppId: "00000000-0000-4000-8000-00000000a001",
  whatsappAppId: "00000000-0000-4000-8000-00000000a002",
  otherWhatsappAppId: "00000000-0000-4000-8000-00000000a003",
  password: "demo-password",
  messenger: { pageId: "100200300", appSecret: "demo-messenger-secret", verifyToken: "demo-verify-token" },
  whatsapp: {
    accountSid: "AC0123456789abcdef0123456789abcdef",
    authToken: "demo-twilio-token",
    sender: "whatsapp:+14155238886",
  },
} as const;

type DemoMessage = {
  direction: "inbound" | "outbound";
  text: string;
  minutesAgo: number;
  attachments?: Attachment[];
  state?: "sent" | "delivered" | "read" | "failed";
  failureReason?: string;
};
type DemoConversation = {
  n: number;
  appId: string;
  contactId: string;
  contactName: string;
  assignee?: keyof typeof DEMO.users;
  closed?: boolean;
  readBy?: (keyof typeof DEMO.users)[];
  messages: DemoMessage[];
};

const conversationsToSeed: DemoConversation[] = [
  {
    n: 1,
    appId: DEMO.messengerAppId,
    contactId: "7000000000000001",
    contactName: "Jana Nováková",
    messages: [
      { direction: "inbound", text: "Dobrý den, máte ještě volné termíny na předvedení?", minutesAgo: 4 },
    ],
  },
  {
    n: 2,
    appId: DEMO.whatsappAppId,
    contactId: "whatsapp:+14155551234",
    contactName: "Ana Lopez",
    messages: [
      {
        direction: "inbound",
        text: "Here is the photo of the damaged part",
        minutesAgo: 18,
        attachments: [{ type: "image", url: "https://placehold.co/480x320/png?text=Damaged+part", contentType: "image/png" }],
      },
    ],
  },
  {
    n: 3,
    appId: DEMO.messengerAppId,
    contactId: "7000000000000002",
    contactName: "Tomás Rivera",
    assignee: "alice",
    readBy: ["alice"],
    messages: [
      { direction: "inbound", text: "Could you send me the pricing for 20 seats?", minutesAgo: 95 },
      { direction: "outbound", text: "Of course! I'll prepare a quote for you today.", minutesAgo: 80, state: "read" },
      { direction: "inbound", text: "Great, thanks 🙏", minutesAgo: 70 },
    ],
  },
  {
    n: 4,
    appId: DEMO.whatsappAppId,
    contactId: "whatsapp:+420601234567",
    contactName: "Marek Dvořák",
    assignee: "alice",
    messages: [
      { direction: "inbound", text: "Is the offer from last week still valid?", minutesAgo: 60 * 30 },
      {
        direction: "outbound",
        text: "Yes, until the end of the month.",
        minutesAgo: 60 * 5,
        state: "failed",
        failureReason:
          "Outside the 24-hour customer service window: WhatsApp only allows template messages now (Twilio error 63016)",
      },
    ],
  },
  {
    n: 5,
    appId: DEMO.messengerAppId,
    contactId: "7000000000000003",
    contactName: "Priya Shah",
    assignee: "bob",
    readBy: ["bob"],
    messages: [
      { direction: "inbound", text: "Can we move our call to Thursday?", minutesAgo: 200 },
      { direction: "outbound", text: "Thursday at 10:00 works for me.", minutesAgo: 190, state: "delivered" },
    ],
  },
  {
    n: 6,
    appId: DEMO.whatsappAppId,
    contactId: "whatsapp:+393401234567",
    contactName: "Sofia Rossi",
    assignee: "bob",
    messages: [
      {
        direction: "inbound",
        text: "The contract is attached",
        minutesAgo: 300,
        attachments: [{ type: "file", url: "https://example.com/files/contract.pdf", contentType: "application/pdf" }],
      },
    ],
  },
  {
    n: 7,
    appId: DEMO.messengerAppId,
    contactId: "7000000000000004",
    contactName: "Lukas Becker",
    assignee: "bob",
    closed: true,
    readBy: ["alice", "bob"],
    messages: [
      { direction: "inbound", text: "Thanks, that solved it.", minutesAgo: 60 * 26 },
      { direction: "outbound", text: "Happy to help!", minutesAgo: 60 * 25, state: "read" },
    ],
  },
  {
    n: 8,
    appId: DEMO.whatsappAppId,
    contactId: "whatsapp:+14155550123",
    contactName: "whatsapp:+14155550123",
    closed: true,
    readBy: ["alice", "bob"],
    messages: [{ direction: "inbound", text: "Wrong number, sorry", minutesAgo: 60 * 50 }],
  },
  {
    n: 9,
    appId: DEMO.otherWhatsappAppId,
    contactId: "whatsapp:+48501234567",
    contactName: "Olga Petrova",
    messages: [{ direction: "inbound", text: "Hello, is anyone there?", minutesAgo: 12 }],
  },
];

function seededId(kind: number, n: number, m = 0): string {
  return `00000000-0000-4000-8${kind}${String(m).padStart(2, "0")}-${String(n).padStart(12, "0")}`;
}

/** Inserts the demo workspace of spec §9; every insert skips rows that exist, so a second run changes nothing. */
export async function seedDemoWorkspace(db: Database, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO.password);
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

  await db.transaction(async (tx) => {
    await tx
      .insert(workspaces)
      .values([
        { id: DEMO.workspaceId, name: "Demo Company" },
        { id: DEMO.otherWorkspaceId, name: "Other Company" },
      ])
      .onConflictDoNothing();
    await tx
      .insert(users)
      .values([
        { id: DEMO.users.alice, workspaceId: DEMO.workspaceId, name: "Alice Admin", email: "alice@demo.test", role: "admin", passwordHash },
        { id: DEMO.users.bob, workspaceId: DEMO.workspaceId, name: "Bob Member", email: "bob@demo.test", role: "member", passwordHash },
        { id: DEMO.users.carol, workspaceId: DEMO.workspaceId, name: "Carol Member", email: "carol@demo.test", role: "member", passwordHash },
        { id: DEMO.users.dave, workspaceId: DEMO.otherWorkspaceId, name: "Dave Other", email: "dave@other.test", role: "admin", passwordHash },
      ])
      .onConflictDoNothing();
    await tx
      .insert(messagingApps)
      .values([
        {
          id: DEMO.messengerAppId,
          workspaceId: DEMO.workspaceId,
          provider: "messenger",
          name: "Demo Company Page",
          installerId: DEMO.users.alice,
          externalAccountId: DEMO.messenger.pageId,
          encryptedCredentials: sealJson({
            pageId: DEMO.messenger.pageId,
            pageAccessToken: "demo-page-access-token",
            appSecret: DEMO.messenger.appSecret,
          }),
          verifyToken: DEMO.messenger.verifyToken,
          accessMode: "chosen",
        },
        {
          id: DEMO.whatsappAppId,
          workspaceId: DEMO.workspaceId,
          provider: "whatsapp",
          name: "Demo Company WhatsApp",
          installerId: DEMO.users.alice,
          externalAccountId: DEMO.whatsapp.sender,
          encryptedCredentials: sealJson(DEMO.whatsapp),
          accessMode: "chosen",
        },
        {
          id: DEMO.otherWhatsappAppId,
          workspaceId: DEMO.otherWorkspaceId,
          provider: "whatsapp",
          name: "Other Company WhatsApp",
          installerId: DEMO.users.dave,
          externalAccountId: "whatsapp:+48221234567",
          encryptedCredentials: sealJson({
            accountSid: "AC00000000000000000000000000000002",
            authToken: "other-twilio-token",
            sender: "whatsapp:+48221234567",
          }),
          accessMode: "everyone",
        },
      ])
      .onConflictDoNothing();
    await tx
      .insert(appAccess)
      .values([
        { appId: DEMO.messengerAppId, userId: DEMO.users.bob },
        { appId: DEMO.whatsappAppId, userId: DEMO.users.bob },
      ])
      .onConflictDoNothing();

    for (const c of conversationsToSeed) {
      const workspaceId = c.appId === DEMO.otherWhatsappAppId ? DEMO.otherWorkspaceId : DEMO.workspaceId;
      const conversationId = seededId(1, c.n);
      const last = c.messages.at(-1)!;
      const lastAt = minutesAgo(last.minutesAgo);
      const inserted = await tx
        .insert(conversations)
        .values({
          id: conversationId,
          workspaceId,
          appId: c.appId,
          externalContactId: c.contactId,
          contactName: c.contactName,
          status: c.closed ? "closed" : "open",
          assigneeId: c.assignee ? DEMO.users[c.assignee] : null,
          lastActivityAt: lastAt,
          lastMessageAt: lastAt,
          lastMessagePreview: last.text,
          lastPreviewAt: lastAt,
          lastMessageDirection: last.direction,
          lastMessageAuthorId: last.direction === "outbound" ? DEMO.users[c.assignee ?? "alice"] : null,
          createdAt: minutesAgo(c.messages[0]!.minutesAgo),
        })
        .onConflictDoNothing()
        .returning({ id: conversations.id });
      if (inserted.length === 0) continue;

      await tx.insert(messages).values(
        c.messages.map((m, index) => ({
          id: seededId(2, c.n, index),
          workspaceId,
          appId: c.appId,
          conversationId,
          direction: m.direction,
          providerMessageId: `demo-${c.n}-${index}`,
          text: m.text,
          attachments: m.attachments ?? [],
          senderUserId: m.direction === "outbound" ? DEMO.users[c.assignee ?? "alice"] : null,
          state: m.direction === "inbound" ? ("received" as const) : (m.state ?? "sent"),
          failureReason: m.failureReason ?? null,
          occurredAt: minutesAgo(m.minutesAgo),
        })),
      );
      const firstAt = minutesAgo(c.messages[0]!.minutesAgo);
      const activities = [];
      if (c.assignee) {
        activities.push({
          kind: "assigned" as const,
          actorId: DEMO.users.alice,
          targetUserId: DEMO.users[c.assignee],
          occurredAt: new Date(firstAt.getTime() + 30_000),
        });
      }
      if (c.closed) {
        activities.push({ kind: "closed" as const, actorId: DEMO.users[c.assignee ?? "alice"], occurredAt: new Date(lastAt.getTime() + 60_000) });
      }
      if (activities.length > 0) {
        await tx.insert(conversationActivities).values(activities.map((a) => ({ ...a, workspaceId, conversationId })));
      }
      for (const reader of c.readBy ?? []) {
        await tx.insert(conversationReads).values({ conversationId, userId: DEMO.users[reader], readAt: now });
      }
    }
  });
}

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(workspaces);
  return Number(row?.n ?? 0) === 0;
}

export function describeDemoApps() {
  return [
    {
      provider: "messenger" as const,
      id: DEMO.messengerAppId,
      name: "Demo Company Page",
      ...webhookUrls("messenger", DEMO.messengerAppId, appUrl()),
      verifyToken: DEMO.messenger.verifyToken,
    },
    {
      provider: "whatsapp" as const,
      id: DEMO.whatsappAppId,
      name: "Demo Company WhatsApp",
      ...webhookUrls("whatsapp", DEMO.whatsappAppId, appUrl()),
    },
  ];
}
