import { embeddedTarget } from './embedded';
import { postgresTarget } from './postgres';
import { redisPairTarget } from './redis-pair';
import { referenceTarget } from './reference';
import type { TargetDefinition, TargetId } from './types';

export const TARGETS: Record<TargetId, TargetDefinition> = {
  a: embeddedTarget,
  b: postgresTarget,
  c: redisPairTarget,
  d: referenceTarget,
};
