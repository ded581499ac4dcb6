import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { Identity } from '@/lib/domain/identity';
import { labelsFrom } from './ui/labels';
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
  const t = useTranslations('header');
  const labels = labelsFrom(useTranslations('domain'));
  return (
    <header className="app-header">
      <div className="app-header__left">
        <Link href="/drafts" className="wordmark" aria-label={t('wordmarkLabel')}>
          Accord
        </Link>
        <nav aria-label={t('breadcrumb')} className="breadcrumb">
          <ol>
            <li>
              <Link href="/drafts">{t('drafts')}</Link>
            </li>
            {trail ? <li aria-current="page">{trail}</li> : null}
          </ol>
        </nav>
      </div>
      <HeaderMenu>
        {identity.role === 'secretariat' ? (
          <nav aria-label={t('secretariatNav')} className="admin-nav">
            <Link href="/admin/users" aria-current={section === 'users' ? 'page' : undefined}>
              {t('users')}
            </Link>
            <Link href="/admin/audit" aria-current={section === 'audit' ? 'page' : undefined}>
              {t('auditLog')}
            </Link>
          </nav>
        ) : null}
        {identity.delegation || identity.role === 'secretariat' ? <NotificationBell delegation={identity.delegation ?? t('theSecretariat')} /> : null}
        <div className="current-user" data-testid="current-user">
          {color ? <span className="swatch swatch--on-dark" style={{ backgroundColor: color }} aria-hidden="true" /> : null}
          <span className="current-user__name">{identity.name}</span> <span className="current-user__role">{labels.affiliation(identity)}</span>
        </div>
        <AccountMenu />
        <SignOutButton />
      </HeaderMenu>
    </header>
  );
}
