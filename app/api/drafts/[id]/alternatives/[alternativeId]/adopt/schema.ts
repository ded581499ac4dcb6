export { adoptSchema } from '@/lib/annotations/schemas';
