export interface DiffSegment { kind: 'equal' | 'insert' | 'delete'; text: string; delegation: string | null; userName: string | null }
export interface ClauseDiff { clauseId: string; number: number; title: string; changed: boolean; segments: DiffSegment[] }
