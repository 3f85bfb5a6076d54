/** Texts about a room's data: when it is deleted, what was recovered, deleting it now. English is the reference. */
export const lifecycleEn = {
  'lifecycle.title': 'Room data',
  'lifecycle.deletesAt': 'If nobody opens this room again, it is deleted with everything in it on {date}.',
  'lifecycle.recoveredTitle': 'Part of this room was damaged on disk',
  'lifecycle.recovered': '{doc}: loaded from {source}.',
  'lifecycle.recoveredHint': 'Check that the room holds what you expect; what could not be read is gone.',
  'lifecycle.delete': 'Delete this room…',
  'lifecycle.deleteQuestion':
    'Delete this room and everything in it – names, texts, votes and history – for everyone? This cannot be undone.',
  'lifecycle.deleteConfirm': 'Yes, delete the room for good',
  'lifecycle.deleteCancel': 'Keep the room',
  'lifecycle.deleting': 'Deleting…',
  'lifecycle.deleteFailed': 'The room could not be deleted. Try again.',
  'lifecycle.deletedTitle': 'This room has been deleted',
  'lifecycle.deletedBody': 'Everything in it is gone from the server, and its links no longer work.',
  'lifecycle.deletedHome': 'Go to the start page',
};
