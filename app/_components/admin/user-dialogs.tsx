'use client';

import type { UserDto } from '@/lib/api/types';
import { affiliationLabel } from '@/lib/ui/people';
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
  return (
    <>
      {dialog?.kind === 'add' ? (
        <AddPersonDialog
          delegations={delegations}
          onClose={onClose}
          onCreated={(user, generated) => {
            onUser(user);
            onNotice(
              `Added ${user.email} as ${affiliationLabel(user)}.${generated ? ' Their password was shown once in the dialog.' : ' Give them the password you chose through a secure channel.'}`,
            );
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
            onNotice(
              rightsChanged
                ? `${user.email} is now ${affiliationLabel(user)}. Their open sessions have ended; they sign in again with the new access.`
                : `Saved ${user.email}.`,
            );
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
            else onNotice(`Signed ${user.email} out everywhere. Their open sessions have ended; they can sign in again.`);
          }}
        />
      ) : null}
      {dialog?.kind === 'access' ? (
        <AccessDialog
          user={dialog.user}
          onClose={onClose}
          onDone={(user) => {
            onUser(user);
            onNotice(user.disabled ? `Disabled ${user.email}. Their open sessions have ended.` : `Enabled ${user.email}. They can sign in again.`);
          }}
        />
      ) : null}
    </>
  );
}
