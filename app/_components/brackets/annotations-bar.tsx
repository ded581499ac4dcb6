import { plural } from './annotation-format';
import type { PanelCounts } from './panel-counts';

export interface AnnotationsBarProps {
  titleId: string;
  /** Nothing recorded yet: the title is for screen readers only. */
  empty: boolean;
  counts: PanelCounts;
  canAnnotate: boolean;
  hasSelection: boolean;
  busy: boolean;
  onBracketSelection: () => void;
  onProposeAlternative: () => void;
}

/** The panel's title with its counts (as consensus counts), and the tools to bracket the selection or propose a wording. */
export function AnnotationsBar({ titleId, empty, counts, canAnnotate, hasSelection, busy, onBracketSelection, onProposeAlternative }: AnnotationsBarProps) {
  return (
    <div className="annot__bar">
      <h3 className={empty ? 'visually-hidden' : 'annot__title'} id={titleId}>
        Brackets and alternatives
        <span className="annot__counts" data-testid="annotation-counts">
          {counts.countedBrackets ? ` · ${plural(counts.countedBrackets, 'open bracket')}` : ''}
          {counts.countedAlternatives ? ` · ${plural(counts.countedAlternatives, 'open alternative')}` : ''}
          {counts.detachedBrackets ? ` · ${plural(counts.detachedBrackets, 'detached bracket')} (not counted)` : ''}
        </span>
      </h3>
      {canAnnotate ? (
        <div className="annot__tools">
          <button
            type="button"
            className="button button--ghost button--small"
            data-testid="bracket-selection"
            onMouseDown={(e) => e.preventDefault()}
            onClick={onBracketSelection}
            disabled={!hasSelection || busy}
            title={hasSelection ? 'Put the selected words in square brackets, in your delegation’s name' : 'Select words in the clause text first'}
          >
            <span aria-hidden="true">[ ]</span> Bracket selection
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            data-testid="propose-alternative"
            onMouseDown={(e) => e.preventDefault()}
            onClick={onProposeAlternative}
            disabled={busy}
          >
            Propose alternative…
          </button>
        </div>
      ) : null}
    </div>
  );
}
