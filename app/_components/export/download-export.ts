/**
 * Downloads an export of a draft: fetch it (so that the page can show a busy state and
 * the server's own error message), then hand the file to the browser under the name the
 * server gave it.
 */
import { ApiError } from '../api-client';

/** The file name of a `Content-Disposition` header: `filename*` (UTF-8) first, else `filename`. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // A malformed encoding: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  return plain?.[1].trim() || fallback;
}

async function errorOf(res: Response): Promise<ApiError> {
  let message: string | null = null;
  let code: string | null = null;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    message = body.error?.message ?? null;
    code = body.error?.code ?? null;
  } catch {
    // Not JSON: use words of our own.
  }
  if (!message) {
    message =
      res.status === 401
        ? 'Your session has ended: sign in again.'
        : res.status === 404
          ? 'This draft is no longer shared with you.'
          : res.status >= 500
            ? 'The server could not prepare the file just now. Try again in a moment.'
            : `The export failed (HTTP ${res.status}).`;
  }
  return new ApiError(message, res.status, code);
}

/**
 * Fetch `url` and save the answer as a file. Resolves with the file name once the
 * browser has been given the file; throws an ApiError with a message for people.
 */
export async function downloadExport(url: string, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError('Cannot reach the server. Check your connection and try again.', 0, null);
  }
  if (!res.ok) throw await errorOf(res);
  const blob = await res.blob();
  const name = fileNameFromDisposition(res.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
  return name;
}
