import Link from 'next/link';

export type DraftTab = 'text' | 'dashboard' | 'mine' | 'history';

interface DraftTabsProps {
  draftId: string;
  active: DraftTab;
}

const TABS: Array<{ tab: DraftTab; label: string; path: string }> = [
  { tab: 'text', label: 'Text', path: '' },
  { tab: 'dashboard', label: 'Dashboard', path: '/dashboard' },
  { tab: 'mine', label: 'My delegation', path: '/mine' },
  { tab: 'history', label: 'History', path: '/history' },
];

/**
 * The three views of a draft, as tabs: the text (draft room), the consensus dashboard
 * and what needs the signed-in delegation's attention. Fits in a 48px bar.
 */
export function DraftTabs({ draftId, active }: DraftTabsProps) {
  const base = `/drafts/${encodeURIComponent(draftId)}`;
  return (
    <nav className="draft-tabs" aria-label="Views of this draft" data-testid="draft-tabs">
      <ul className="draft-tabs__list" role="list">
        {TABS.map(({ tab, label, path }) => (
          <li key={tab}>
            <Link
              href={`${base}${path}`}
              className={`draft-tabs__tab${tab === active ? ' is-active' : ''}`}
              aria-current={tab === active ? 'page' : undefined}
              data-tab={tab}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
