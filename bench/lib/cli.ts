/** Command-line options of `npm run bench` (bench/run.ts). */
import { TARGET_IDS, type TargetId } from '../targets/types';

export interface LoadPoint {
  clients: number;
  /** Edits per second per client. */
  editRate: number;
}

export interface BenchOptions {
  quick: boolean;
  points: LoadPoint[];
  targets: TargetId[];
  durationS: number;
  warmupS: number;
  /** Warm-up before a target's first point (its server's code is compiled under load then). */
  firstWarmupS: number;
  drainS: number;
  caretRate: number;
  clauses: number;
  build: 'auto' | 'skip' | 'force';
  pin: boolean;
  save: boolean;
  /** Measure the durable-commit floor before the targets start. */
  floor: boolean;
  /** Rounds of the first point (the latency target's), targets interleaved; verdicts use each target's median round. */
  rounds: number;
}

export const FULL_POINTS: LoadPoint[] = [
  { clients: 20, editRate: 2 },
  { clients: 100, editRate: 1 },
  { clients: 200, editRate: 0.5 },
];
export const QUICK_POINTS: LoadPoint[] = [
  { clients: 10, editRate: 2 },
  { clients: 30, editRate: 1 },
  { clients: 60, editRate: 0.5 },
];

export const USAGE = `Usage: npm run bench -- [options]

  --quick              short smoke run: ${QUICK_POINTS.map(formatPoint).join(', ')}, 6 s per point
  --points LIST        load points as CLIENTSxRATE, comma-separated (default ${FULL_POINTS.map(formatPoint).join(',')})
  --duration S         measured seconds per point and target (default 30; quick 6)
  --warmup S           seconds of load before measuring (default 3; quick 1)
  --first-warmup S     seconds of load before measuring a target's first point (default 20; quick 3):
                         V8 compiles a server's hot code during its first seconds under load, in
                         background threads on the server's own (pinned) CPU
  --drain S            at most this long for the last edits to arrive (default 10; quick 5)
  --targets LIST       subset of a,b,c,d (default abcd):
                         a Accord on the embedded database   b Accord on PostgreSQL
                         c two Accord instances, PostgreSQL + Redis   d reference y-websocket server
  --caret-rate R       caret moves (awareness updates) per second per client (default 1)
  --clauses N          clauses the clients spread their edits over (default 3)
  --no-build           never run next build (the Accord targets need a build in .next/)
  --rebuild            always run next build first
  --no-pin             do not pin with taskset
  --no-save            print the report only; write nothing to bench/results/
  --rounds N           measure the first point N times, targets interleaved, and judge each target's
                         median round (default 3; quick 1): one disturbed window then moves nothing
  --no-floor           skip the durable-commit floor (400 paced inserts per store, ~25 s; off in --quick)
  --report FILE.json   re-render the report (and target verdicts) of a saved run, measure nothing
  -h, --help

Environment: BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test),
             BENCH_REDIS_URL (default redis://127.0.0.1:6379)`;

export function formatPoint(p: LoadPoint): string {
  return `${p.clients}x${p.editRate}`;
}

function parsePoints(value: string): LoadPoint[] {
  return value.split(',').map((part) => {
    const match = /^\s*(\d+)\s*[x×]\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!match) throw new Error(`--points: "${part}" is not CLIENTSxRATE (e.g. 20x2)`);
    const point = { clients: Number(match[1]), editRate: Number(match[2]) };
    if (point.clients < 2 || point.clients > 1000) throw new Error(`--points: ${point.clients} clients is outside 2..1000`);
    if (point.editRate <= 0 || point.editRate > 50) throw new Error(`--points: ${point.editRate} edits/s is outside (0, 50]`);
    return point;
  });
}

function parseTargets(value: string): TargetId[] {
  const ids = value.replace(/[\s,]/g, '').split('');
  for (const id of ids) if (!TARGET_IDS.includes(id as TargetId)) throw new Error(`--targets: unknown target "${id}" (use a, b, c, d)`);
  if (ids.length === 0) throw new Error('--targets: name at least one of a, b, c, d');
  return TARGET_IDS.filter((id) => ids.includes(id));
}

function positive(name: string, value: string | undefined, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < 0 || n > max) throw new Error(`${name} needs a number between 0 and ${max}`);
  return n;
}

/** Parses argv (without node and the script); throws with a readable message on a bad option. */
export function parseArgs(argv: string[]): BenchOptions | 'help' | { report: string } {
  const reportAt = argv.indexOf('--report');
  if (reportAt >= 0) {
    const file = argv[reportAt + 1];
    if (!file) throw new Error('--report needs the path of a results .json file');
    return { report: file };
  }
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    quick,
    points: quick ? QUICK_POINTS : FULL_POINTS,
    targets: [...TARGET_IDS],
    durationS: quick ? 6 : 30,
    warmupS: quick ? 1 : 3,
    firstWarmupS: quick ? 3 : 20,
    drainS: quick ? 5 : 10,
    caretRate: 1,
    clauses: 3,
    build: 'auto',
    pin: true,
    save: true,
    floor: !quick,
    rounds: quick ? 1 : 3,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--quick':
        break;
      case '--points':
        options.points = parsePoints(value() ?? '');
        break;
      case '--targets':
        options.targets = parseTargets(value() ?? '');
        break;
      case '--duration':
        options.durationS = Math.max(1, positive('--duration', value(), 600));
        break;
      case '--warmup':
        options.warmupS = positive('--warmup', value(), 60);
        break;
      case '--first-warmup':
        options.firstWarmupS = positive('--first-warmup', value(), 120);
        break;
      case '--drain':
        options.drainS = Math.max(1, positive('--drain', value(), 120));
        break;
      case '--caret-rate':
        options.caretRate = positive('--caret-rate', value(), 20);
        break;
      case '--clauses':
        options.clauses = Math.max(1, Math.round(positive('--clauses', value(), 20)));
        break;
      case '--no-build':
        options.build = 'skip';
        break;
      case '--rebuild':
        options.build = 'force';
        break;
      case '--no-pin':
        options.pin = false;
        break;
      case '--rounds':
        options.rounds = Math.max(1, Math.round(positive('--rounds', value(), 9)));
        break;
      case '--no-floor':
        options.floor = false;
        break;
      case '--no-save':
        options.save = false;
        break;
      case '-h':
      case '--help':
        return 'help';
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return options;
}
