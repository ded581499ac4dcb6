import type { Metadata, Viewport } from 'next';
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
// Phones last: these rules override each area's own.
import './phones.css';

export const metadata: Metadata = {
  title: { default: 'Accord', template: '%s · Accord' },
  description: 'A drafting room where delegations negotiate one text together, clause by clause, in real time.',
};

export const viewport: Viewport = {
  themeColor: '#14213d',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-scroll-behavior="smooth">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <ShortcutsSheet />
        {children}
      </body>
    </html>
  );
}
