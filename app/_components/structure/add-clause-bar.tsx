'use client';

import { useState } from 'react';
import { addClause } from './structure-api';
import { useStructure } from './structure-context';
import { ClauseTitleDialog } from './structure-dialogs';

/** "Add a clause at the start", above the text, for the secretariat (also the way to add the first clause). */
export function AddClauseBar() {
  const controls = useStructure();
  const [open, setOpen] = useState(false);
  if (!controls?.enabled) return null;
  return (
    <div className="add-clause-bar">
      <button type="button" className="button button--ghost button--small" onClick={() => setOpen(true)} data-testid="add-clause-start">
        <span aria-hidden="true">+</span> {controls.clauses.length === 0 ? 'Add the first clause' : 'Add a clause at the start'}
      </button>
      {open ? (
        <ClauseTitleDialog
          mode="add"
          clause={null}
          onClose={() => setOpen(false)}
          onSubmit={async (title, text) => {
            const added = await addClause(controls.draftId, { title, afterClauseId: null, text });
            controls.notify('ok', 'clause-added', `Clause ${added.number ?? ''} “${added.title}” added.`);
          }}
        />
      ) : null}
    </div>
  );
}

/** The toggle of a withdrawn clause, shown collapsed: its text is kept and can be read. */
export function WithdrawnToggle({ expanded, onToggle }: { expanded: boolean; onToggle: (expanded: boolean) => void }) {
  return (
    <button
      type="button"
      className="button button--ghost button--small withdrawn-toggle"
      aria-expanded={expanded}
      onClick={() => onToggle(!expanded)}
      data-testid="withdrawn-toggle"
    >
      {expanded ? 'Hide text' : 'Show text'}
    </button>
  );
}
