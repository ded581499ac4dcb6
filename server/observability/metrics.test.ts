import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './metrics';

describe('MetricsRegistry', () => {
  it('renders counters, gauges and cumulative histogram buckets in Prometheus text format', () => {
    const registry = new MetricsRegistry();
    const c = registry.counter('x_total', 'things');
    c.inc();
    c.inc(2, { code: '4403' });
    registry.gauge('y', 'level', () => 7);
    const h = registry.histogram('z_seconds', 'latency', [0.1, 1]);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(5);
    const text = registry.render();
    expect(text).toContain('# TYPE x_total counter\nx_total 1\nx_total{code="4403"} 2');
    expect(text).toContain('# TYPE y gauge\ny 7');
    expect(text).toContain('z_seconds_bucket{le="0.1"} 1\nz_seconds_bucket{le="1"} 2\nz_seconds_bucket{le="+Inf"} 3\nz_seconds_sum 5.55\nz_seconds_count 3');
  });
});
