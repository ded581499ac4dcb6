'use client';

import dynamic from 'next/dynamic';
import { createContext, useContext } from 'react';
import type { DraftRoomProps } from './draft-room';
import { StaticRoom } from './room/static-room';

/** What the server rendered for the room, for the placeholder shown until the room's code has loaded. */
const LoadingRoom = createContext<DraftRoomProps | null>(null);

function RoomLoading() {
  const props = useContext(LoadingRoom);
  // The clause texts read-only, in the room's own frame (server-rendered: text on screen at once).
  if (props?.staticTexts) return <StaticRoom draft={props.draft} texts={props.staticTexts} />;
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
// (and loading yjs there as well would give "Yjs was already imported"). The server paints the
// text instead (RoomLoading), from static nodes the services read out of the document.
const DraftRoom = dynamic(() => import('./draft-room').then((m) => m.DraftRoom), {
  ssr: false,
  loading: RoomLoading,
});

export function DraftRoomLoader(props: DraftRoomProps) {
  return (
    <LoadingRoom.Provider value={props}>
      <DraftRoom {...props} />
    </LoadingRoom.Provider>
  );
}
