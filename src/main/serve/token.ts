// Serve mode's access token (like Jupyter's): random per start, accepted from the `?token=` query, the
// `Authorization: Bearer` header or the cookie the server sets when the page is first opened with it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tokenCookieName } from '@shared/contract/transport';

export function generateToken(): string {
  return randomBytes(24).toString('hex');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Where the request's token came from, or null when it has none that matches. */
export function authenticate(request: IncomingMessage, url: URL, token: string): 'query' | 'header' | 'cookie' | null {
  const query = url.searchParams.get('token');
  if (query !== null && safeEqual(query, token)) return 'query';
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ') && safeEqual(header.slice(7), token)) return 'header';
  const cookie = readCookie(request.headers.cookie, tokenCookieName);
  if (cookie !== undefined && safeEqual(cookie, token)) return 'cookie';
  return null;
}

export function tokenCookie(token: string): string {
  return `${tokenCookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
