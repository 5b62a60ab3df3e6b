/**
 * Layout choices a user makes once and expects back (issue 16): kept in cookies, not
 * localStorage, so the server renders the collapsed rail or the closed CRM panel at once,
 * with no jump when the page hydrates.
 */
export const LAYOUT_COOKIES = {
  /** "collapsed" when the left rail shows icons only. */
  nav: "sb-nav",
  /** "closed" when the docked CRM panel (≥1280px) is put away. */
  crmPanel: "sb-crm-panel",
} as const;

const ONE_YEAR = 60 * 60 * 24 * 365;

export function rememberLayoutChoice(name: (typeof LAYOUT_COOKIES)[keyof typeof LAYOUT_COOKIES], value: string | null) {
  document.cookie = value === null ? `${name}=; path=/; max-age=0; samesite=lax` : `${name}=${value}; path=/; max-age=${ONE_YEAR}; samesite=lax`;
}
