'use client';

import { useTranslations } from 'next-intl';
import type { UserDto } from '@/lib/api/types';
import { useLabels } from '../ui/labels';
import { AccessDialog } from './access-dialog';
import { AddPersonDialog } from './add-person-dialog';
import type { DelegationOption } from './delegation-option';
import { EditPersonDialog } from './edit-person-dialog';
import { SignOutEverywhereDialog } from './sign-out-everywhere-dialog';

export type UsersDialog = { kind: 'add' } | { kind: 'edit'; user: UserDto } | { kind: 'access'; user: UserDto } | { kind: 'sign-out'; user: UserDto } | null;

interface UserDialogsProps {
  dialog: UsersDialog;
  delegations: DelegationOption[];
  selfId: string;
  onClose: () => void;
  /** What to tell the secretariat once a dialog did its work. */
  onNotice: (notice: string) => void;
  /** A person added or changed, as the server answered. */
  onUser: (user: UserDto) => void;
}

/** The dialog open on the list of people, if any: add, edit, disable or enable, sign out everywhere. */
export function UserDialogs({ dialog, delegations, selfId, onClose, onNotice, onUser }: UserDialogsProps) {
  const t = useTranslations('admin.notice');
  const labels = useLabels();
  return (
    <>
      {dialog?.kind === 'add' ? (
        <AddPersonDialog
          delegations={delegations}
          onClose={onClose}
          onCreated={(user, generated) => {
            onUser(user);
            onNotice(t(generated ? 'addedGenerated' : 'addedChosen', { email: user.email, affiliation: labels.affiliation(user) }));
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <EditPersonDialog
          user={dialog.user}
          isSelf={dialog.user.id === selfId}
          delegations={delegations}
          onClose={onClose}
          onSaved={(user, rightsChanged) => {
            onUser(user);
            onNotice(rightsChanged ? t('rightsChanged', { email: user.email, affiliation: labels.affiliation(user) }) : t('saved', { email: user.email }));
          }}
        />
      ) : null}
      {dialog?.kind === 'sign-out' ? (
        <SignOutEverywhereDialog
          user={dialog.user}
          onClose={onClose}
          onDone={(user) => {
            // Signing oneself out everywhere ends this session too: go to the sign-in page.
            if (user.id === selfId) window.location.assign('/signin');
            else onNotice(t('signedOut', { email: user.email }));
          }}
        />
      ) : null}
      {dialog?.kind === 'access' ? (
        <AccessDialog
          user={dialog.user}
          onClose={onClose}
          onDone={(user) => {
            onUser(user);
            onNotice(t(user.disabled ? 'disabled' : 'enabled', { email: user.email }));
          }}
        />
      ) : null}
    </>
  );
}
