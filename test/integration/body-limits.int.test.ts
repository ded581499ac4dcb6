/**
 * Request bodies are capped before they are read: a declared or streamed body over the
 * route's limit gets 413 at once, on NextAuth's sign-in endpoint as on the JSON API, and
 * the server is unaffected afterwards. Raw TCP clients, so that nothing in between
 * buffers or refuses the body first.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { demoDraft } from './helpers';

const HUNDRED_MB = 100 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

let server: RunningServer;
let cookie: string;
let draftId: string;

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server.url, 'fr@accord.test', INT_DEMO_PASSWORD);
  draftId = (await demoDraft(server.url, cookie)).id;
});

afterAll(async () => {
  await server?.stop();
});

interface Outcome {
  /** The status line's code, or null when the connection ended without an answer. */
  status: number | null;
  body: string;
  /** Milliseconds from the first byte sent to the answer's status line. */
  ms: number;
  /** Body bytes the client managed to hand to the kernel before the answer (or the end). */
  sentBeforeAnswer: number;
}

/**
 * Sends `head` and then body bytes as fast as the connection takes them, up to `total`
 * (chunked when `chunked`), until the server answers or closes. Resolves with the answer.
 */
function sendLargeBody(port: number, head: string, total: number, chunked: boolean): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const started = performance.now();
    let received = '';
    let status: number | null = null;
    let ms = 0;
    let sent = 0;
    let sentBeforeAnswer = 0;
    let stopped = false;
    const timeout = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 20 s (${sent} body bytes sent; got ${JSON.stringify(received.slice(0, 200))})`));
    }, 20_000);
    const pump = () => {
      while (!stopped && sent < total) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, total - sent));
        sent += piece.length;
        const ok = chunked ? socket.write(`${piece.length.toString(16)}\r\n`) && socket.write(piece) && socket.write('\r\n') : socket.write(piece);
        if (!ok) return void socket.once('drain', pump);
      }
      if (!stopped && chunked) socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      received += text;
      if (status === null) {
        const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
        if (match) {
          status = Number(match[1]);
          ms = performance.now() - started;
          sentBeforeAnswer = socket.bytesWritten;
          stopped = true;
        }
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timeout);
      const split = received.indexOf('\r\n\r\n');
      resolve({ status, body: split >= 0 ? received.slice(split + 4) : '', ms, sentBeforeAnswer: status === null ? socket.bytesWritten : sentBeforeAnswer });
    });
  });
}

function requestHead(method: string, path: string, headers: Record<string, string>): string {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${server.port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

async function expectServerHealthy(): Promise<void> {
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(200);
  const drafts = await fetch(`${server.url}/api/drafts`, { headers: { cookie } });
  expect(drafts.status).toBe(200);
}

function expectRefused(outcome: Outcome): void {
  expect(outcome.status).toBe(413);
  expect(JSON.parse(outcome.body)).toMatchObject({ error: { code: 'payload_too_large' } });
  // Answered at once, long before 100 MB could have been read.
  expect(outcome.ms).toBeLessThan(3000);
  expect(outcome.sentBeforeAnswer).toBeLessThan(20 * 1024 * 1024);
}

describe('request body limits', () => {
  it('refuses a declared 100 MB body to the sign-in endpoint at once', async () => {
    const head = requestHead('POST', '/api/auth/callback/credentials', {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(HUNDRED_MB),
    });
    const outcome = await sendLargeBody(server.port, head, HUNDRED_MB, false);
    expectRefused(outcome);
    expect(JSON.parse(outcome.body).error.message).toMatch(/larger than 64 KiB/);
    await expectServerHealthy();
  });

  it('cuts a streamed (chunked) body to the sign-in endpoint once it goes over the limit', async () => {
    const head = requestHead('POST', '/api/auth/callback/credentials', {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Transfer-Encoding': 'chunked',
    });
    expectRefused(await sendLargeBody(server.port, head, HUNDRED_MB, true));
    await expectServerHealthy();
    // Signing in (a small body) still works.
    await signIn(server.url, 'de@accord.test', INT_DEMO_PASSWORD);
  });

  it('refuses a declared 100 MB body to a JSON API route at once', async () => {
    const head = requestHead('POST', `/api/drafts/${draftId}/comments`, {
      'Content-Type': 'application/json',
      'Content-Length': String(HUNDRED_MB),
      Cookie: cookie,
      Origin: server.url,
    });
    expectRefused(await sendLargeBody(server.port, head, HUNDRED_MB, false));
    await expectServerHealthy();
  });

  it('cuts a streamed body to a JSON API route that reads it, once it goes over 1 MiB', async () => {
    const head = requestHead('POST', `/api/drafts/${draftId}/comments`, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      Cookie: cookie,
      Origin: server.url,
    });
    const outcome = await sendLargeBody(server.port, head, HUNDRED_MB, true);
    expectRefused(outcome);
    expect(JSON.parse(outcome.body).error.message).toMatch(/larger than 1 MiB/);
    await expectServerHealthy();
  });

  it('refuses a body announced with Expect: 100-continue before the client sends it', async () => {
    const head = requestHead('POST', '/api/auth/callback/credentials', {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(HUNDRED_MB),
      Expect: '100-continue',
    });
    // Nothing of the body is sent: the server must answer from the headers alone.
    const outcome = await sendLargeBody(server.port, head, 0, false);
    expect(outcome.status).toBe(413);
    await expectServerHealthy();
  });
});
