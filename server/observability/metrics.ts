/**
 * Accord's Prometheus metrics, on `prom-client`: our counters, gauges read at scrape
 * time and histograms, plus the library's standard Node metrics (process CPU and
 * memory, heap, GC, event-loop lag, handles). Each server gets its own registry, so
 * several instances in one process (the tests) never mix their figures.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** What the gauges read when Prometheus scrapes; the composition root wires them to live objects. */
export interface MetricsSources {
  connections: () => number;
  loadedDrafts: () => number;
  socketConnections: () => number;
  fanout: () => { published: number; received: number; errors: number };
}

/** The metrics Accord exposes. `render()` gives the text exposition format. */
export function createAccordMetrics(read: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(value());
      },
    });
  gauge('accord_yjs_connections', 'Open Yjs websocket connections', read.connections);
  gauge('accord_loaded_drafts', 'Drafts loaded in memory', read.loadedDrafts);
  gauge('accord_socketio_connections', 'Open socket.io connections', read.socketConnections);
  gauge('accord_fanout_published_total', 'Messages published to other instances', () => read.fanout().published);
  gauge('accord_fanout_received_total', 'Messages received from other instances', () => read.fanout().received);
  gauge('accord_fanout_errors_total', 'Fan-out errors (publish failures, connection errors)', () => read.fanout().errors);
  return {
    render: (): Promise<string> => registry.metrics(),
    contentType: registry.contentType,
    updates: new Counter({ name: 'accord_yjs_updates_total', help: 'Yjs updates accepted and stored', registers }),
    refused: new Counter({ name: 'accord_yjs_refused_total', help: 'Yjs messages refused, by close code', labelNames: ['code'] as const, registers }),
    storeLatency: new Histogram({ name: 'accord_update_store_seconds', help: 'Time to store one batch of updates', buckets: LATENCY_BUCKETS, registers }),
    storeBatchSize: new Histogram({
      name: 'accord_update_store_batch_size',
      help: 'Updates per stored batch',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
      registers,
    }),
    relayLatency: new Histogram({
      name: 'accord_update_relay_seconds',
      help: 'Time from an accepted update to its relay to other clients (includes storing)',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
}

export type AccordMetrics = ReturnType<typeof createAccordMetrics>;
