/**
 * The page's Content-Security-Policy: nothing but the page's own origin may be fetched or
 * connected to, no third-party scripts, fonts or frames, no eval. Workers are the app's own
 * files. Inline styles are allowed (React's `style` attributes); scripts are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
