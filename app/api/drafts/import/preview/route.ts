// POST /api/drafts/import/preview - the secretariat uploads a .docx (multipart, field `file`) and sees the clauses it would make; nothing is created
import { readMultipart, uploadedFile } from '@/server/http/multipart';
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const services = getServices();
  services.draftAdmin.requireSecretariat(identity);
  const file = await uploadedFile(await readMultipart(req));
  return json(await services.importer.preview({ kind: 'docx', file }));
});
