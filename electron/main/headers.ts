// Main-process layer, pure: the security headers every response of the app carries. One place, used by the
// app:// protocol (Electron) and by the web-mode server (scripts/serve.ts), so both modes are locked down alike.
// COOP + COEP make the page cross-origin isolated, which lets duckdb-wasm use its threaded (coi) bundle.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  // No 'unsafe-inline': the app's CSS comes from files (Svelte <style> blocks are compiled into them); dynamic styles
  // go through the CSSOM, which CSP does not police (Svelte style: directives, ECharts, the pack's print sheet as a
  // constructed stylesheet, figure SVG text styles moved over by features/pack/svg.ts). The e2e fixtures fail any
  // test during which the page reports a CSP violation.
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
    'Cache-Control': 'no-store',
  };
}
