import type { ReactNode } from 'react';
import type { AdoptionInput } from '@/lib/domain/adopted-text';
import { ExportMenu } from '../export/export-menu';
import { DraftTabs, type DraftTab } from './draft-tabs';

interface NegotiationBarProps {
  draftId: string;
  title: string;
  active: DraftTab;
  /** Whether changes arrive live; undefined hides the pill. */
  live?: boolean;
  error?: string | null;
  /** For the secretariat: the draft's state and statuses, which offer the adopted text in the export menu. */
  adoption?: AdoptionInput;
  children?: ReactNode;
}

/** The bar under the header on the dashboard and "My delegation": draft title, the view tabs, live state. */
export function NegotiationBar({ draftId, title, active, live, error, adoption, children }: NegotiationBarProps) {
  const tone = error ? 'error' : live ? 'ok' : 'pending';
  return (
    <div className="neg-top">
      <div className="room-bar">
        <div className="room-bar__left">
          <span className="room-bar__title neg-bar__title">{title}</span>
          <DraftTabs draftId={draftId} active={active} />
        </div>
        <div className="room-bar__right">
          {children}
          <ExportMenu draftId={draftId} title={title} adoption={adoption} />
          {live === undefined ? null : (
            <span
              className={`pill pill--${tone}`}
              data-testid="live-status"
              data-live={live ? 'true' : 'false'}
              role="status"
              aria-live="polite"
              title={error ?? undefined}
            >
              <span className="pill__dot" aria-hidden="true" />
              {error ? 'Not live' : live ? 'Live' : 'Connecting…'}
            </span>
          )}
        </div>
      </div>
      {error ? (
        <div className="banner banner--warn" role="alert">
          <p>
            <strong>Changes may not appear live.</strong> {error}
          </p>
        </div>
      ) : null}
    </div>
  );
}
