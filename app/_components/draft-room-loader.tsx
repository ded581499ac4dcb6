'use client';

import dynamic from 'next/dynamic';
import type { DraftRoomProps } from './draft-room';

function RoomLoading() {
  return (
    <main id="main" className="page page--narrow">
      <div className="room-loading" role="status">
        <span className="spinner" aria-hidden="true" />
        Opening the draft…
      </div>
    </main>
  );
}

// Browser only: the editors, Yjs and the websocket provider have nothing to render on the server
// (and loading yjs there as well would give "Yjs was already imported").
const DraftRoom = dynamic(() => import('./draft-room').then((m) => m.DraftRoom), {
  ssr: false,
  loading: RoomLoading,
});

export function DraftRoomLoader(props: DraftRoomProps) {
  return <DraftRoom {...props} />;
}
