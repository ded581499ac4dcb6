import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Identity } from '@/lib/domain/identity';
import { affiliationLabel } from '@/lib/ui/people';
import { AccountMenu } from './account-menu';
import { HeaderMenu } from './header-menu';
import { NotificationBell } from './comments/notification-bell';
import { SignOutButton } from './sign-out-button';

interface AppHeaderProps {
  identity: Identity;
  /** The person's colour (their delegation's in this draft), shown as a swatch beside the name when known. */
  color?: string;
  /** Breadcrumb after the wordmark, e.g. the draft title. */
  trail?: ReactNode;
  /** The secretariat page being shown, marked current in the secretariat's links. */
  section?: 'users' | 'audit';
}

/** The top bar of every signed-in page: wordmark, where you are, who you are, sign out. */
export function AppHeader({ identity, color, trail, section }: AppHeaderProps) {
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
      <HeaderMenu>
        {identity.role === 'secretariat' ? (
          <nav aria-label="Secretariat" className="admin-nav">
            <Link href="/admin/users" aria-current={section === 'users' ? 'page' : undefined}>
              Users
            </Link>
            <Link href="/admin/audit" aria-current={section === 'audit' ? 'page' : undefined}>
              Audit log
            </Link>
          </nav>
        ) : null}
        {identity.delegation || identity.role === 'secretariat' ? <NotificationBell delegation={identity.delegation ?? 'the secretariat'} /> : null}
        <div className="current-user" data-testid="current-user">
          {color ? <span className="swatch swatch--on-dark" style={{ backgroundColor: color }} aria-hidden="true" /> : null}
          <span className="current-user__name">{identity.name}</span> <span className="current-user__role">{affiliationLabel(identity)}</span>
        </div>
        <AccountMenu />
        <SignOutButton />
      </HeaderMenu>
    </header>
  );
}
