/**
 * SPEC §15's headers for every page, built here (edge-safe, no imports) and set by middleware.ts.
 *
 * Scripts: only this request's nonce, with 'strict-dynamic' so the chunks Next's nonce'd
 * bootstrap loads run too; no 'unsafe-inline'. Next reads the nonce back from the request's
 * Content-Security-Policy header and stamps its own inline scripts with it.
 *
 * Styles: stylesheets and <style> elements only from our origin or with the nonce; style
 * *attributes* are allowed ('unsafe-inline' in style-src-attr) because React renders `style={…}`
 * as one and the outbox shows emails whose HTML is all inline styles. A style attribute runs no
 * script; what an injected one could do is limited to how the page looks (docs/decisions.md).
 */

export type SecurityHeaderOptions = {
  nonce: string;
  /** `next dev`: React's debugging needs eval, and hot reload a websocket and injected styles. */
  development: boolean;
  /** APP_URL is https: browsers are told to stay on https (HSTS). */
  https: boolean;
};

export function contentSecurityPolicy({ nonce, development }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    // Attachments are shown from the providers' media hosts (https), previews as data: or blob: URLs.
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    "font-src 'self'",
    // The live stream (/api/events) and server actions; hot reload's websocket in development.
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "worker-src 'self'",
    // The development outbox's sandboxed srcdoc frame is about:srcdoc, which needs no source.
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** The headers every page response carries; the CSP also goes on the request for Next to read. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** 128 random bits, base64: unguessable and new for every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
