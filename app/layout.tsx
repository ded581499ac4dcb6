import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ShortcutsSheet } from './_components/shortcuts-sheet';
import './globals.css';
// Each area's global styles, beside its components. The order is the cascade order of the
// stylesheet they were split from: keep it (later files may override earlier ones).
import './_components/drafts/drafts-list.css';
import './signin/sign-in.css';
import './_components/room/room.css';
import './_components/room/room-rail.css';
import './_components/negotiation/negotiation.css';
import './_components/negotiation/dashboard.css';
import './_components/negotiation/my-delegation.css';
import './_components/room/clause-negotiation.css';
import './_components/room/room-dialogs.css';
import './_components/admin/admin.css';
import './_components/comments/comments.css';
import './_components/brackets/brackets.css';
import './_components/export/export.css';
import './_components/history/history.css';
import './_components/structure/structure.css';
import './_components/room/clause-tools.css';
import './_components/i18n/language.css';
// Phones last: these rules override each area's own.
import './phones.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: { default: 'Accord', template: '%s · Accord' }, description: t('appDescription') };
}

export const viewport: Viewport = {
  themeColor: '#14213d',
};

/** Every page in the person's language (lang on <html>), its messages handed to client components. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  return (
    <html lang={locale} data-scroll-behavior="smooth">
      <body>
        <NextIntlClientProvider>
          <a className="skip-link" href="#main">
            {t('skipToContent')}
          </a>
          <ShortcutsSheet />
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
