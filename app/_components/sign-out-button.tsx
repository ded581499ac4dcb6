'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  async function onClick() {
    setPending(true);
    try {
      await signOut({ redirect: false, callbackUrl: '/signin' });
    } finally {
      // A full navigation: server components must see the cleared cookie.
      window.location.assign('/signin');
    }
  }
  return (
    <button type="button" className="button button--on-dark button--small" onClick={onClick} disabled={pending}>
      Sign out
    </button>
  );
}
