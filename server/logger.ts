/**
 * Structured logs (pino, JSON lines). Tokens and cookies are redacted wherever they
 * appear in a logged object; URLs are logged without their query string.
 */
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['token', '*.token', 'cookie', '*.cookie', 'headers.cookie', 'req.headers.cookie', 'password', '*.password', 'secret'],
      censor: '[redacted]',
    },
  });
}

/** A URL path without its query string (which may carry a collaboration token). */
export function redactUrl(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}
