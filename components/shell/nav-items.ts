import type { NavIconName } from "./nav-icons";
import { HOME_PATH, MESSAGING_PATH, RECORD_LIST_PATHS, SETTINGS_PATH, SETTINGS_PATHS } from "@/lib/paths";

/** A place in the app navigation; `label` is a key of the `nav` catalog. */
export type NavItem = {
  label: "leads" | "messaging" | "inbox" | "deals" | "contacts" | "settings";
  href: string;
  /** The path prefix that makes the item current. */
  match: string;
  icon: NavIconName;
  /** Spec §1: Messaging sits under Leads in the left navigation. */
  isNested?: boolean;
  isAdminOnly?: boolean;
};

const LEADS: NavItem = { label: "leads", href: RECORD_LIST_PATHS.lead, match: RECORD_LIST_PATHS.lead, icon: "leads" };
const DEALS: NavItem = { label: "deals", href: RECORD_LIST_PATHS.deal, match: RECORD_LIST_PATHS.deal, icon: "deals" };
const CONTACTS: NavItem = { label: "contacts", href: RECORD_LIST_PATHS.person, match: RECORD_LIST_PATHS.person, icon: "contacts" };
const SETTINGS: NavItem = { label: "settings", href: SETTINGS_PATHS.messagingApps, match: SETTINGS_PATH, icon: "settings", isAdminOnly: true };

/** The left rail (md and up), in the order of spec §1; Settings sits at its foot. */
export const RAIL_ITEMS: NavItem[] = [
  LEADS,
  { label: "messaging", href: HOME_PATH, match: MESSAGING_PATH, icon: "messaging", isNested: true },
  DEALS,
  CONTACTS,
];
export const RAIL_FOOT_ITEMS: NavItem[] = [SETTINGS];

/** The phone's tab bar (issue 16): the daily three, the rest under More. */
export const TAB_ITEMS: NavItem[] = [{ label: "inbox", href: HOME_PATH, match: MESSAGING_PATH, icon: "messaging" }, DEALS, CONTACTS];
export const MORE_ITEMS: NavItem[] = [LEADS, SETTINGS];

export function isCurrent(item: NavItem, pathname: string): boolean {
  return pathname === item.match || pathname.startsWith(`${item.match}/`);
}

export function visibleItems(items: NavItem[], isAdmin: boolean): NavItem[] {
  return items.filter((item) => isAdmin || !item.isAdminOnly);
}
