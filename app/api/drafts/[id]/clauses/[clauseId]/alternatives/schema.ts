export { proposeAlternativeSchema } from '@/lib/annotations/schemas';
