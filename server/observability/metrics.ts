/**
 * A small Prometheus registry (text exposition format 0.0.4): counters, gauges read
 * at scrape time, and histograms. Enough for /metrics without another dependency.
 */
type Labels = Record<string, string>;

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

interface Metric {
  render(): string;
}

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {}
  inc(by = 1, labels: Labels = {}): void {
    const key = formatLabels(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const { labels, value } of this.values.values()) lines.push(`${this.name}${formatLabels(labels)} ${value}`);
    return lines.join('\n');
  }
}

export class Gauge implements Metric {
  constructor(readonly name: string, readonly help: string, private readonly read: () => number) {}
  render(): string {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${this.read()}`].join('\n');
  }
}

export class Histogram implements Metric {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(readonly name: string, readonly help: string, private readonly buckets: number[]) {
    this.counts = buckets.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    for (let i = 0; i < this.buckets.length; i += 1) if (value <= this.buckets[i]) this.counts[i] += 1;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket{le="${b}"} ${this.counts[i]}`));
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return lines.join('\n');
  }
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export class MetricsRegistry {
  private readonly metrics: Metric[] = [];

  counter(name: string, help: string): Counter {
    const m = new Counter(name, help);
    this.metrics.push(m);
    return m;
  }
  gauge(name: string, help: string, read: () => number): Gauge {
    const m = new Gauge(name, help, read);
    this.metrics.push(m);
    return m;
  }
  histogram(name: string, help: string, buckets = LATENCY_BUCKETS): Histogram {
    const m = new Histogram(name, help, buckets);
    this.metrics.push(m);
    return m;
  }
  render(): string {
    return `${this.metrics.map((m) => m.render()).join('\n')}\n`;
  }
}

/** The metrics Accord exposes; the composition root wires the gauges to live objects. */
export function createAccordMetrics(read: {
  connections: () => number;
  loadedDrafts: () => number;
  socketConnections: () => number;
  fanout: () => { published: number; received: number; errors: number };
}) {
  const registry = new MetricsRegistry();
  const fanoutGauge = (name: string, help: string, key: 'published' | 'received' | 'errors') => registry.gauge(name, help, () => read.fanout()[key]);
  const metrics = {
    registry,
    updates: registry.counter('accord_yjs_updates_total', 'Yjs updates accepted and stored'),
    refused: registry.counter('accord_yjs_refused_total', 'Yjs messages refused (label: code)'),
    storeLatency: registry.histogram('accord_update_store_seconds', 'Time to store one batch of updates'),
    storeBatchSize: registry.histogram('accord_update_store_batch_size', 'Updates per stored batch', [1, 2, 4, 8, 16, 32, 64, 128]),
    relayLatency: registry.histogram('accord_update_relay_seconds', 'Time from an accepted update to its relay to other clients (includes storing)'),
  };
  registry.gauge('accord_yjs_connections', 'Open Yjs websocket connections', read.connections);
  registry.gauge('accord_loaded_drafts', 'Drafts loaded in memory', read.loadedDrafts);
  registry.gauge('accord_socketio_connections', 'Open socket.io connections', read.socketConnections);
  fanoutGauge('accord_fanout_published_total', 'Messages published to other instances', 'published');
  fanoutGauge('accord_fanout_received_total', 'Messages received from other instances', 'received');
  fanoutGauge('accord_fanout_errors_total', 'Fan-out errors (publish failures, connection errors)', 'errors');
  registry.gauge('process_resident_memory_bytes', 'Resident memory size in bytes', () => process.memoryUsage.rss());
  registry.gauge('process_cpu_seconds_total', 'User and system CPU time in seconds', () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  });
  return metrics;
}

export type AccordMetrics = ReturnType<typeof createAccordMetrics>;
