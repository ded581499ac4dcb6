// The generator moved to server/seed/history-log.ts (seed:large uses it too).
export * from '@/server/seed/history-log';
