export { addBracketSchema } from '@/lib/annotations/schemas';
