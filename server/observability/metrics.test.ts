import { describe, expect, it } from 'vitest';
import { createAccordMetrics } from './metrics';

const sources = (connections: number) => ({
  connections: () => connections,
  loadedDrafts: () => 2,
  socketConnections: () => 3,
  fanout: () => ({ published: 4, received: 5, errors: 0 }),
});

describe('createAccordMetrics', () => {
  it('renders our counters, scrape-time gauges and histograms with the standard Node metrics', async () => {
    const metrics = createAccordMetrics(sources(7));
    metrics.updates.inc();
    metrics.refused.inc({ code: '4403' }, 2);
    metrics.storeLatency.observe(0.0004);
    metrics.storeLatency.observe(0.3);
    const text = await metrics.render();
    expect(text).toContain('# TYPE accord_yjs_updates_total counter\naccord_yjs_updates_total 1');
    expect(text).toContain('accord_yjs_refused_total{code="4403"} 2');
    expect(text).toContain('# TYPE accord_yjs_connections gauge\naccord_yjs_connections 7');
    expect(text).toContain('accord_fanout_received_total 5');
    expect(text).toContain('accord_update_store_seconds_bucket{le="0.001"} 1\n');
    expect(text).toContain('accord_update_store_seconds_bucket{le="+Inf"} 2\n');
    expect(text).toContain('accord_update_store_seconds_count 2');
    for (const standard of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(text).toContain(`# TYPE ${standard} `);
    }
  });

  it('keeps two servers in one process apart', async () => {
    const a = createAccordMetrics(sources(1));
    const b = createAccordMetrics(sources(9));
    a.updates.inc(5);
    expect(await a.render()).toContain('accord_yjs_updates_total 5');
    expect(await b.render()).toContain('accord_yjs_updates_total 0');
    expect(await b.render()).toContain('accord_yjs_connections 9');
  });
});
