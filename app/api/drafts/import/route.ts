// POST /api/drafts/import - the secretariat creates a draft from a .docx (multipart: file, title, participants, observers?, plan?)
import { AppError } from '@/lib/errors/app-error';
import { parseFields, readMultipart, textField, uploadedFile } from '@/server/http/multipart';
import { json, requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';
import { importDraftFieldsSchema } from '@/lib/requests/drafts';

export const dynamic = 'force-dynamic';

export const POST = route(async (req: Request) => {
  const identity = await requireIdentity(req);
  const services = getServices();
  services.draftAdmin.requireSecretariat(identity);
  const form = await readMultipart(req);
  const fields = parseFields(
    { title: textField(form, 'title'), participants: textField(form, 'participants') ?? '', observers: textField(form, 'observers') },
    importDraftFieldsSchema,
  );
  const plan = services.importer.parsePlanField(textField(form, 'plan'));
  const file = await uploadedFile(form);
  const content = await services.importer.prepare({ kind: 'docx', file }, plan);
  const title = fields.title ?? content.suggestedTitle;
  if (!title) {
    throw new AppError('bad_request', {
      message: 'Give the draft a title: the document does not suggest one.',
      issues: [{ path: 'title', message: 'is required' }],
    });
  }
  const draft = await services.draftAdmin.create(identity, { title, participants: fields.participants, observers: fields.observers, source: 'docx', content });
  return json(draft, 201);
});
