import type { NavIconName } from "./nav-icons";

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

const LEADS: NavItem = { label: "leads", href: "/leads", match: "/leads", icon: "leads" };
const DEALS: NavItem = { label: "deals", href: "/deals", match: "/deals", icon: "deals" };
const CONTACTS: NavItem = { label: "contacts", href: "/persons", match: "/persons", icon: "contacts" };
const SETTINGS: NavItem = { label: "settings", href: "/settings/integrations/messaging", match: "/settings", icon: "settings", isAdminOnly: true };

/** The left rail (md and up), in the order of spec §1; Settings sits at its foot. */
export const RAIL_ITEMS: NavItem[] = [
  LEADS,
  { label: "messaging", href: "/messaging/unassigned", match: "/messaging", icon: "messaging", isNested: true },
  DEALS,
  CONTACTS,
];
export const RAIL_FOOT_ITEMS: NavItem[] = [SETTINGS];

/** The phone's tab bar (issue 16): the daily three, the rest under More. */
export const TAB_ITEMS: NavItem[] = [{ label: "inbox", href: "/messaging/unassigned", match: "/messaging", icon: "messaging" }, DEALS, CONTACTS];
export const MORE_ITEMS: NavItem[] = [LEADS, SETTINGS];

export function isCurrent(item: NavItem, pathname: string): boolean {
  return pathname === item.match || pathname.startsWith(`${item.match}/`);
}

export function visibleItems(items: NavItem[], isAdmin: boolean): NavItem[] {
  return items.filter((item) => isAdmin || !item.isAdminOnly);
}
