/**
 * (c) Two Accord instances on the same PostgreSQL database and Redis (REDIS_URL),
 * clients split round-robin across their ports. Both instances are pinned to the
 * server CPU: together they get the same core as a single instance does.
 */
import { createBenchDatabase } from '../lib/services';
import { prepareAccordSetup, startAccordInstance, type AccordInstance } from './accord';
import type { TargetDefinition } from './types';

export const redisPairTarget: TargetDefinition = {
  id: 'c',
  label: 'Accord ×2, PostgreSQL + Redis',
  needs: ['build', 'postgres', 'redis'],
  async start(ctx) {
    const database = await createBenchDatabase(ctx.databaseUrl);
    ctx.log(`(c) database ${database.name}, Redis ${ctx.redisUrl}`);
    const instances: AccordInstance[] = [];
    const stop = async () => {
      await Promise.all(instances.map((i) => i.child.stop()));
      instances.forEach((i) => i.cleanup());
      await database.drop().catch((err: unknown) => ctx.log(`could not drop ${database.name}: ${String(err)}`));
    };
    try {
      // One after the other: the first one migrates and seeds, the second finds it done.
      for (const name of ['Accord (c1)', 'Accord (c2)']) {
        instances.push(await startAccordInstance({ name, pinning: ctx.pinning, databaseUrl: database.url, redisUrl: ctx.redisUrl }));
      }
      const setup = await prepareAccordSetup(
        instances.map((i) => i.endpoint),
        ctx.clauseCount,
      );
      return {
        id: 'c',
        label: this.label,
        setup,
        notes: [],
        probeUrls: instances.map((i) => `${i.endpoint.httpUrl}/api/health`),
        serverPids: () => instances.map((i) => i.child.pid),
        servicePids: async () => [...(await database.backendPids()), ...(ctx.redisPid ? [ctx.redisPid] : [])],
        alive: () => instances.every((i) => i.child.alive()),
        logs: () => instances.map((i, n) => `--- instance ${n + 1} ---\n${i.child.logs()}`).join('\n'),
        stop,
      };
    } catch (err) {
      await stop();
      throw err;
    }
  },
};
