/** (a) One Accord instance on the embedded database (PGlite in ./data, in the server's process). */
import { prepareAccordSetup, startAccordInstance } from './accord';
import type { TargetDefinition } from './types';

export const embeddedTarget: TargetDefinition = {
  id: 'a',
  label: 'Accord, embedded DB',
  needs: ['build'],
  async start(ctx) {
    const instance = await startAccordInstance({ name: 'Accord (a)', pinning: ctx.pinning });
    try {
      const setup = await prepareAccordSetup([instance.endpoint], ctx.clauseCount);
      return {
        id: 'a',
        label: this.label,
        setup,
        notes: [],
        probeUrls: [`${instance.endpoint.httpUrl}/api/health`],
        serverPids: () => [instance.child.pid],
        servicePids: async () => [],
        alive: () => instance.child.alive(),
        logs: () => instance.child.logs(),
        async stop() {
          await instance.child.stop();
          instance.cleanup();
        },
      };
    } catch (err) {
      await instance.child.stop();
      instance.cleanup();
      throw err;
    }
  },
};
