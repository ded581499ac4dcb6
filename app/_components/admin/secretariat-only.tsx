import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { Identity } from '@/lib/domain/identity';
import { labelsFrom } from '../ui/labels';

/**
 * What a delegate or observer sees at a secretariat page: a plain explanation and the
 * way back, not a bare 403. The API refuses them anyway; this only says so kindly.
 */
export function SecretariatOnly({ identity, what }: { identity: Identity; what: string }) {
  const t = useTranslations('admin.secretariatOnly');
  const labels = labelsFrom(useTranslations('domain'));
  return (
    <main id="main" className="page page--narrow">
      <div className="empty-state empty-state--page" data-testid="secretariat-only">
        <p className="empty-state__eyebrow">{labels.affiliation(identity)}</p>
        <h1>{t('title')}</h1>
        <p>{t('text', { what })}</p>
        <p className="button-row">
          <Link href="/drafts" className="button button--primary">
            {t('back')}
          </Link>
        </p>
      </div>
    </main>
  );
}
