/**
 * Loads /harness-api.js before the app's module script, so `window.api` exists when the app starts.
 * A classic script runs as soon as it is parsed; module scripts are deferred until after parsing.
 */
export function injectHarnessScript(html: string): string {
  const tag = '<script src="./harness-api.js"></script>';
  const moduleScript = html.search(/<script\b[^>]*\btype=["']?module\b/i);
  if (moduleScript >= 0) return `${html.slice(0, moduleScript)}${tag}\n    ${html.slice(moduleScript)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd >= 0) return `${html.slice(0, headEnd)}${tag}\n${html.slice(headEnd)}`;
  return `${tag}\n${html}`;
}
