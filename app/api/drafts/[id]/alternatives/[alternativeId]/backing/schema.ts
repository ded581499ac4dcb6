export { backingSchema } from '@/lib/annotations/schemas';
