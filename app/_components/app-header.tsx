import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Identity } from '@/lib/domain/identity';
import { affiliationLabel } from '@/lib/ui/people';
import { SignOutButton } from './sign-out-button';

interface AppHeaderProps {
  identity: Identity;
  /** The person's colour (their delegation's in this draft), shown as a swatch beside the name when known. */
  color?: string;
  /** Breadcrumb after the wordmark, e.g. the draft title. */
  trail?: ReactNode;
}

/** The top bar of every signed-in page: wordmark, where you are, who you are, sign out. */
export function AppHeader({ identity, color, trail }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header__left">
        <Link href="/drafts" className="wordmark" aria-label="Accord, all drafts">
          Accord
        </Link>
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <ol>
            <li>
              <Link href="/drafts">Drafts</Link>
            </li>
            {trail ? <li aria-current="page">{trail}</li> : null}
          </ol>
        </nav>
      </div>
      <div className="app-header__right">
        <div className="current-user" data-testid="current-user">
          {color ? <span className="swatch swatch--on-dark" style={{ backgroundColor: color }} aria-hidden="true" /> : null}
          <span className="current-user__name">{identity.name}</span>{' '}
          <span className="current-user__role">{affiliationLabel(identity)}</span>
        </div>
        <SignOutButton />
      </div>
    </header>
  );
}
