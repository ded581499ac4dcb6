/** A rendered export as an HTTP download (route handlers only). */
import type { ExportFile } from './export-service';

export function fileResponse(file: ExportFile): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': file.disposition,
      'content-length': String(file.body.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
