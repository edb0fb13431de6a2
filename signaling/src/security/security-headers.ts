import type { NextFunction, Request, Response } from 'express';

/** A Host header we are willing to echo into connect-src (host name or address, optional port). */
const plainHost = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** Where a kiosk may find its device bridge (booth-client/bridge: 127.0.0.1 only, any port). */
const deviceBridgeOrigins = 'http://127.0.0.1:* http://localhost:*';

/**
 * The Content-Security-Policy of every response. Scripts and styles only from the app's own
 * files (no inline code, no eval); media and images may be blob:/data: (camera previews,
 * snapshots, charts); the live protocol's WebSocket on the same host, and the booth computer's
 * device bridge, which listens on loopback only (and wants its per-booth token); no plugins, no framing.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sameHostSockets = host && plainHost.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self'${sameHostSockets} ${deviceBridgeOrigins}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Camera and microphone for the app itself only; everything else a kiosk never needs, off. */
export const permissionsPolicy = [
  'camera=(self)',
  'microphone=(self)',
  'display-capture=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'interest-cohort=()',
].join(', ');

/**
 * Security headers on every response (apps and API). HSTS only when the request came over TLS
 * (directly or through the loopback reverse proxy the app trusts): on plain HTTP it would be
 * ignored, and on localhost it would pin the developer's browser.
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy(request.headers.host));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Permissions-Policy', permissionsPolicy);
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (request.secure) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
}
