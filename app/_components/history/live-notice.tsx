'use client';

interface LiveNoticeProps {
  /** What changed, e.g. "3 new edits (FR)". */
  text: string;
  action: string;
  onAction: () => void;
  testId: string;
}

/**
 * A pill that floats over the top of a history panel (and stays in view while the
 * reader scrolls) to say that newer history is available. It takes no room in the
 * layout, so nothing the reader is looking at moves until they ask for it.
 */
export function LiveNotice({ text, action, onAction, testId }: LiveNoticeProps) {
  return (
    <div className="hlive">
      <div className="hlive__pill" role="status" data-testid={testId}>
        <span className="hlive__dot" aria-hidden="true" />
        <span className="hlive__text">{text}</span>
        <button type="button" className="hlive__action" onClick={onAction}>
          {action}
        </button>
      </div>
    </div>
  );
}
