'use client';

import { useCallback, useEffect, useState } from 'react';
import type { AlternativeDto, BracketDto } from '@/lib/api/types';
import type { AlternativesUpdatedPayload, BracketUpdatedPayload } from '@/lib/realtime/events';
import { acquireDraftChannel, type JoinResult } from '../draft-socket';
import { fetchAlternatives, fetchBrackets } from './annotations-api';

export interface ClauseAnnotations {
  /** Every bracket of the clause, open and removed, oldest first. */
  brackets: readonly BracketDto[];
  /** Every alternative of the clause, by number. */
  alternatives: readonly AlternativeDto[];
}

export const NO_ANNOTATIONS: ClauseAnnotations = { brackets: [], alternatives: [] };

export interface Annotations {
  /** By clause id; clauses without any are absent. Null until loaded. */
  byClause: ReadonlyMap<string, ClauseAnnotations> | null;
  error: string | null;
  mergeBracket: (bracket: BracketDto) => void;
  mergeAlternatives: (alternatives: readonly AlternativeDto[]) => void;
}

interface State {
  brackets: Map<string, BracketDto>;
  alternatives: Map<string, AlternativeDto>;
}

function group(state: State): Map<string, ClauseAnnotations> {
  const out = new Map<string, { brackets: BracketDto[]; alternatives: AlternativeDto[] }>();
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { brackets: [], alternatives: [] }));
    return e;
  };
  for (const b of state.brackets.values()) entry(b.clauseId).brackets.push(b);
  for (const a of state.alternatives.values()) entry(a.clauseId).alternatives.push(a);
  for (const e of out.values()) {
    e.brackets.sort((a, b) => a.proposedAt.localeCompare(b.proposedAt) || a.id.localeCompare(b.id));
    e.alternatives.sort((a, b) => a.number - b.number);
  }
  return out;
}

/**
 * Brackets and alternatives of a draft, kept live over the page's shared socket.io
 * connection: loaded after every (re)join, then `bracket:updated` and
 * `alternatives:updated` are merged in by id (events that arrive while loading are
 * applied on top of the loaded lists).
 */
export function useAnnotations(draftId: string): Annotations {
  const [state, setState] = useState<State | null>(null);
  const [byClause, setByClause] = useState<Map<string, ClauseAnnotations> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (state) setByClause(group(state));
  }, [state]);

  const mergeBracket = useCallback((bracket: BracketDto) => {
    setState((prev) => {
      if (!prev) return prev;
      const brackets = new Map(prev.brackets);
      brackets.set(bracket.id, bracket);
      return { ...prev, brackets };
    });
  }, []);
  const mergeAlternatives = useCallback((list: readonly AlternativeDto[]) => {
    setState((prev) => {
      if (!prev || list.length === 0) return prev;
      const alternatives = new Map(prev.alternatives);
      for (const a of list) alternatives.set(a.id, a);
      return { ...prev, alternatives };
    });
  }, []);

  useEffect(() => {
    let disposed = false;
    let queue: Array<() => void> | null = null;
    let seq = 0;
    const load = async () => {
      const mine = ++seq;
      queue = [];
      try {
        const [brackets, alternatives] = await Promise.all([fetchBrackets(draftId), fetchAlternatives(draftId)]);
        if (disposed || mine !== seq) return;
        setState({ brackets: new Map(brackets.map((b) => [b.id, b])), alternatives: new Map(alternatives.map((a) => [a.id, a])) });
        setError(null);
      } catch (err) {
        if (disposed || mine !== seq) return;
        setError(err instanceof Error ? err.message : 'Brackets and alternatives could not be loaded.');
      } finally {
        if (!disposed && mine === seq) {
          const pending = queue ?? [];
          queue = null;
          pending.forEach((apply) => apply());
        }
      }
    };
    const deliver = (apply: () => void) => {
      if (disposed) return;
      if (queue) queue.push(apply);
      else apply();
    };
    const { channel, release } = acquireDraftChannel(draftId);
    const onJoin = (result: JoinResult) => {
      if (!disposed && result.ok) void load();
    };
    const onBracket = (payload: BracketUpdatedPayload) => {
      if (payload.draftId === draftId) deliver(() => mergeBracket(payload.bracket));
    };
    const onAlternatives = (payload: AlternativesUpdatedPayload) => {
      if (payload.draftId === draftId) deliver(() => mergeAlternatives(payload.alternatives));
    };
    const unsubscribe = channel.onJoin(onJoin);
    channel.socket.on('bracket:updated', onBracket);
    channel.socket.on('alternatives:updated', onAlternatives);
    if (channel.lastJoin) onJoin(channel.lastJoin);
    return () => {
      disposed = true;
      unsubscribe();
      channel.socket.off('bracket:updated', onBracket);
      channel.socket.off('alternatives:updated', onAlternatives);
      release();
    };
  }, [draftId, mergeBracket, mergeAlternatives]);

  return { byClause, error, mergeBracket, mergeAlternatives };
}
