import { redirect } from 'next/navigation';
import { currentIdentity } from './_server/current-identity';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const identity = await currentIdentity();
  redirect(identity ? '/drafts' : '/signin');
}
