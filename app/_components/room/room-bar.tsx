'use client';

import type { DraftDetail } from '@/lib/api/types';
import type { AdoptionInput } from '@/lib/domain/adopted-text';
import { affiliationLabel } from '@/lib/ui/people';
import { ConnectionPill } from '../connection-status';
import { ExportMenu } from '../export/export-menu';
import { ChangesSinceLink } from '../history/changes-since-link';
import { DraftTabs } from '../negotiation/draft-tabs';
import type { RoomMe } from '../room-types';
import type { ConnectionState } from '../use-collab';
import type { Drawer } from './use-drawer';

function accessSummary(draft: DraftDetail, me: RoomMe): string {
  if (draft.state === 'closed') return 'Closed · read only';
  if (draft.access !== 'write') return me.role === 'observer' ? 'Observer · read only' : 'Read only';
  if (me.role === 'secretariat') return 'Secretariat · can edit every clause';
  return `${affiliationLabel(me)} · can edit open clauses`;
}

interface RoomBarProps {
  draft: DraftDetail;
  me: RoomMe;
  connection: ConnectionState;
  /** People online, shown on the people toggle. */
  online: number;
  outline: Drawer;
  rail: Drawer;
  /** Secretariat: opens the silence dialog, or null when no clause may enter silence now. */
  onStartSilence: (() => void) | null;
  /** Secretariat: the draft's state and statuses as shown, for the adopted text in the export menu. */
  adoption?: AdoptionInput;
}

/**
 * The bar above the text: title, view tabs, the room's actions and connection. On narrow
 * screens it also holds the toggles of the clause outline and people drawers, and wraps
 * onto a second row rather than widening the page.
 */
export function RoomBar({ draft, me, connection, online, outline, rail, onStartSilence, adoption }: RoomBarProps) {
  const secretariat = me.role === 'secretariat';
  return (
    <div className="room-bar">
      <div className="room-bar__left">
        <span className="room-bar__title neg-bar__title">{draft.title}</span>
        <DraftTabs draftId={draft.id} active="text" />
        <span className={`chip room-bar__access${draft.access === 'write' ? ' chip--write' : ''}`}>{accessSummary(draft, me)}</span>
      </div>
      <div className="room-bar__right">
        <button
          type="button"
          ref={outline.toggleRef}
          className="button button--ghost button--small rail-toggle outline-toggle"
          aria-expanded={outline.open}
          aria-controls="room-outline"
          onClick={outline.toggle}
        >
          Clauses <span className="rail-toggle__count">{draft.clauses.length}</span>
        </button>
        {secretariat ? (
          <button
            type="button"
            className="button button--secondary button--small room-bar__silence"
            onClick={() => onStartSilence?.()}
            disabled={!onStartSilence}
            title={onStartSilence ? 'Put one or several clauses under silence until a deadline' : 'No clause can be put under silence now'}
          >
            Silence procedure…
          </button>
        ) : null}
        {secretariat ? (
          <a className="button button--ghost button--small" href={`/drafts/${draft.id}/settings`} data-testid="draft-settings-link">
            Settings
          </a>
        ) : null}
        <ExportMenu draftId={draft.id} title={draft.title} adoption={adoption} />
        <ChangesSinceLink draftId={draft.id} />
        <ConnectionPill connection={connection} />
        <button
          type="button"
          ref={rail.toggleRef}
          className="button button--ghost button--small rail-toggle"
          aria-expanded={rail.open}
          aria-controls="room-rail"
          onClick={rail.toggle}
        >
          People<span className="rail-toggle__long"> online</span> <span className="rail-toggle__count">{online}</span>
        </button>
      </div>
    </div>
  );
}
