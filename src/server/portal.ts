/**
 * Serves the portal (src/portal/public) at `/` on the API's origin: every file read once and kept
 * with its ETag and a gzip copy, a strict Content-Security-Policy on every answer, and any other
 * path that is not the API or a repository answered with index.html so links into the portal
 * (and the forge's web URLs: /acme/orders-api/pulls/3) open the right page.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * Only the portal's own files, no inline script or style, no framing; `connect-src 'self'` keeps
 * a token from being sent anywhere but this origin even if a page were made to try.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  type: string;
  etag: string;
  body: Buffer;
  gzip?: Buffer;
}

export interface Portal {
  /** Whether the request was the portal's to answer (GET or HEAD outside /api/). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** URL path → asset, for the benchmark's size figure and the tests. */
  assets: ReadonlyMap<string, Asset>;
}

/** src/portal/public, found from here whether this runs from the sources or from the bundle in dist/. */
export function portalDir(): string | undefined {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'src', 'portal', 'public');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else {
        const body = readFileSync(path.join(dir, rel));
        const type = TYPES[path.extname(entry.name)] ?? 'application/octet-stream';
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        const compressible = /^(text|application\/json|image\/svg)/.test(type) && body.length > 512;
        assets.set(`/${rel}`, { type, etag, body, ...(compressible ? { gzip: gzipSync(body, { level: 9 }) } : {}) });
      }
    }
  };
  walk('');
  return assets;
}

function send(req: IncomingMessage, res: ServerResponse, asset: Asset, status = 200): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Content-Type', asset.type);
  // Names carry no hash, so the browser revalidates every time and the ETag makes that a 304.
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('ETag', asset.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  if (status === 200 && req.headers['if-none-match']?.split(/\s*,\s*/).includes(asset.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const gzip = asset.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? asset.gzip! : asset.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.statusCode = status;
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function createPortal(dir = portalDir()): Portal | undefined {
  if (!dir) return undefined;
  const assets = loadAssets(dir);
  const index = assets.get('/index.html');
  if (!index) return undefined;
  return {
    assets,
    handle(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        return false;
      }
      if (pathname === '/api' || pathname.startsWith('/api/')) return false;
      const asset = assets.get(pathname);
      if (asset) {
        send(req, res, asset);
        return true;
      }
      // A missing file under the portal's asset folders is a 404, not the page: a stale script tag must fail loudly.
      if (/^\/(js|css|img)\//.test(pathname) || /\.(js|css|map|png|svg|ico)$/.test(pathname)) return false;
      send(req, res, index);
      return true;
    },
  };
}
