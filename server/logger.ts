/**
 * Structured logs (pino, JSON lines). Tokens and cookies are redacted wherever they
 * appear in a logged object; URLs are logged without their query string.
 */
import pino, { type Logger } from 'pino';

/**
 * Logs go to stdout with synchronous writes. pino's default (asynchronous) stdout
 * flushes what it buffered when the process exits, and that flush retries a broken
 * pipe forever: a server started as `npm start | tee log` whose reader is gone never
 * exited. A synchronous write meets the broken pipe at once, and pino then stops
 * logging to it (there is nobody left to read); nothing is left to flush at exit.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['token', '*.token', 'cookie', '*.cookie', 'headers.cookie', 'req.headers.cookie', 'password', '*.password', 'secret'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * Writes to process.stdout (the demo's credentials) must not crash the server once the
 * reader of stdout is gone: a broken pipe is ignored, like pino does for the logs.
 */
export function tolerateClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

/** A URL path without its query string (which may carry a collaboration token). */
export function redactUrl(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}
