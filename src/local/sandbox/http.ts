// The sandbox's HTTP plumbing: the headers every response carries (a Content-Security-Policy that
// keeps everything on loopback), JSON bodies with a size limit, errors with a status, and the
// parsing of what the form page posts. Node only.
import type * as http from 'node:http';
import type { FormSubmission } from './transport';

export const BODY_LIMIT = 5 * 1024 * 1024;

/** Sent with every response: nothing may be fetched from, sent to or framed by another origin. */
export const CSP = [
  "default-src 'self' 'unsafe-inline'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "child-src 'self'",
  "worker-src 'self'",
  "media-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

export class HttpError extends Error {
  constructor(public readonly status: number, message: string) {
    super(message);
  }
}

export function send(res: http.ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    ...headers,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** The form page's path: Google's respondent URL, /forms/d/e/<published id>/viewform. */
export const FORM_PAGE = /^\/forms\/d\/e\/[A-Za-z0-9_-]+\/viewform$/;

export const NO_FORM_PAGE =
  '<!DOCTYPE html><meta charset="utf-8"><title>No feedback form</title><link rel="stylesheet" href="/pages.css">' +
  '<main class="page"><h1>No feedback form yet</h1><p>The program has no feedback form yet: create it from the sidebar.</p>' +
  '<p><a href="/">Back to the spreadsheet</a></p></main>';

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'Malformed path');
  }
}

/** A form submission as the form page posts it: {email, answers: {<item id>: text or texts}}. */
export function parseSubmission(body: unknown): { email: string; answers: Record<string, string | string[]> } {
  const { email, answers } = (body ?? {}) as Partial<FormSubmission>;
  const bad = () => new HttpError(400, 'Expected {email: string, answers: {<item id>: string | string[]}}');
  if (typeof email !== 'string' || typeof answers !== 'object' || answers === null || Array.isArray(answers)) throw bad();
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (!/^\d+$/.test(key)) throw bad();
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = value.slice();
    else throw bad();
  }
  return { email, answers: out };
}

export function sendJson(res: http.ServerResponse, value: unknown, status = 200): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

export function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new HttpError(413, 'Request too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'Malformed JSON'));
      }
    });
    req.on('error', reject);
  });
}
