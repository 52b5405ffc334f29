/**
 * The renderer's Content Security Policy. Served as a header (Electron's session, the browser harness)
 * and repeated as a <meta> tag in src/renderer/index.html, because file:// pages get no headers.
 * No 'unsafe-eval' and no inline script: a script injected into a page full of personal data must not run.
 * 'unsafe-inline' styles are needed by Ant Design's CSS-in-JS.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Only for `electron-vite dev`: Vite's React refresh preamble is an inline module script and HMR talks
 * over a WebSocket. Never used for a built renderer.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
).replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
