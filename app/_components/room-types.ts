import type { Identity } from '@/lib/domain/identity';

/** The signed-in person as the draft room sees them: identity plus their colour. */
export interface RoomMe extends Identity {
  color: string;
}
