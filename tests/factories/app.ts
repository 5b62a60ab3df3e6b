import { randomBytes } from "node:crypto";
import { getDb } from "@/db/index";
import { appAccess, messagingApps, type MessagingApp, type Provider, type User, type Workspace } from "@/db/schema";
import type { MessengerCredentials, WhatsappCredentials } from "@/lib/channels/types";
import { sealJson } from "@/lib/crypto/secret-box";
import { nextSequence } from "./sequence";
import { createUser } from "./user";

export type CredentialsOf<P extends Provider> = P extends "messenger" ? MessengerCredentials : WhatsappCredentials;

/** The row as stored, plus the plain credentials so a test can sign webhooks for this app. */
export type CreatedApp<P extends Provider = Provider> = MessagingApp & { provider: P; credentials: CredentialsOf<P> };

export type CreateAppOptions<P extends Provider> = {
  /** Defaults to the installer's workspace. */
  workspace?: Pick<Workspace, "id">;
  /** A new admin of the workspace (or of a new workspace) when omitted. */
  installer?: Pick<User, "id" | "workspaceId">;
  provider?: P;
  name?: string;
  /** "chosen" when `members` is given, otherwise "everyone". */
  accessMode?: "everyone" | "chosen";
  /** Users on the access list (the installer has access without being listed). */
  members?: Pick<User, "id">[];
  credentials?: Partial<CredentialsOf<P>>;
  /** Messenger only; a random token by default. */
  verifyToken?: string;
  installedAt?: Date;
  uninstalledAt?: Date | null;
};

function defaultCredentials(provider: Provider, n: number): MessengerCredentials | WhatsappCredentials {
  if (provider === "messenger") {
    return {
      pageId: String(100_000_000 + n),
      pageAccessToken: `test-page-access-token-${n}`,
      appSecret: `test-messenger-secret-${randomBytes(8).toString("hex")}`,
    };
  }
  return {
    accountSid: `AC${randomBytes(16).toString("hex")}`,
    authToken: `test-twilio-token-${randomBytes(8).toString("hex")}`,
    sender: `whatsapp:+1415${String(n).padStart(7, "0")}`,
  };
}

export async function createApp<P extends Provider = "messenger">(options: CreateAppOptions<P> = {}): Promise<CreatedApp<P>> {
  const provider = (options.provider ?? "messenger") as P;
  const installer =
    options.installer ??
    (await createUser({ workspace: options.workspace ? { id: options.workspace.id } : undefined, role: "admin" }));
  const workspaceId = options.workspace?.id ?? installer.workspaceId;
  const n = nextSequence();
  const credentials = { ...defaultCredentials(provider, n), ...options.credentials } as CredentialsOf<P>;
  const externalAccountId =
    provider === "messenger" ? (credentials as MessengerCredentials).pageId : (credentials as WhatsappCredentials).sender;

  const db = await getDb();
  const [app] = await db
    .insert(messagingApps)
    .values({
      workspaceId,
      provider,
      name: options.name ?? `${provider === "messenger" ? "Messenger" : "WhatsApp"} app ${n}`,
      installerId: installer.id,
      externalAccountId,
      encryptedCredentials: sealJson(credentials),
      verifyToken: provider === "messenger" ? (options.verifyToken ?? `test-verify-${randomBytes(8).toString("hex")}`) : null,
      accessMode: options.accessMode ?? (options.members ? "chosen" : "everyone"),
      installedAt: options.installedAt,
      uninstalledAt: options.uninstalledAt ?? null,
    })
    .returning();
  if (options.members?.length) {
    await db.insert(appAccess).values(options.members.map((member) => ({ appId: app!.id, userId: member.id })));
  }
  return { ...app!, provider, credentials };
}
