/** (b) One Accord instance on PostgreSQL (a throwaway database, dropped at the end). */
import { createBenchDatabase } from '../lib/services';
import { prepareAccordSetup, startAccordInstance } from './accord';
import type { TargetDefinition } from './types';

export const postgresTarget: TargetDefinition = {
  id: 'b',
  label: 'Accord, PostgreSQL',
  needs: ['build', 'postgres'],
  async start(ctx) {
    const database = await createBenchDatabase(ctx.databaseUrl);
    ctx.log(`(b) database ${database.name}`);
    const instance = await startAccordInstance({ name: 'Accord (b)', pinning: ctx.pinning, databaseUrl: database.url }).catch(async (err: unknown) => {
      await database.drop().catch(() => undefined);
      throw err;
    });
    const stop = async () => {
      await instance.child.stop();
      instance.cleanup();
      await database.drop().catch((err: unknown) => ctx.log(`could not drop ${database.name}: ${String(err)}`));
    };
    try {
      const setup = await prepareAccordSetup([instance.endpoint], ctx.clauseCount);
      return {
        id: 'b',
        label: this.label,
        setup,
        notes: [],
        probeUrls: [`${instance.endpoint.httpUrl}/api/health`],
        serverPids: () => [instance.child.pid],
        servicePids: () => database.backendPids(),
        alive: () => instance.child.alive(),
        logs: () => instance.child.logs(),
        stop,
      };
    } catch (err) {
      await stop();
      throw err;
    }
  },
};
