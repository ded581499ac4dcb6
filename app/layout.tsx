import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

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
        {children}
      </body>
    </html>
  );
}
