import type { Provider } from "@/db/schema";

/** A workspace user as the access-list checkboxes and summaries need them. */
export type WorkspaceUserOption = { id: string; name: string; email: string; isActive: boolean };

/** What the edit form may know of an installed app: no credentials, only what is shown anyway. */
export type EditableApp = {
  id: string;
  provider: Provider;
  name: string;
  externalAccountId: string;
  accountSid: string | null;
  accessMode: "everyone" | "chosen";
  memberIds: string[];
  installer: { id: string; name: string };
};
