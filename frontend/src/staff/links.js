// Addresses the staff pages link to or connect to. No DOM.

const enc = encodeURIComponent;

/** The dashboard page of a workshop. */
export function dashboardUrl(workshopId) {
  return `/staff/workshops/${enc(workshopId)}`;
}

/** The replay page of a learner's recordings (docs/recordings.md). */
export function replayUrl(workshopId, learnerId) {
  return `/staff/workshops/${enc(workshopId)}/learners/${enc(learnerId)}/replay`;
}

/** The roster as CSV (the staff cookie goes along with the download). */
export function rosterCsvUrl(workshopId) {
  return `/api/workshops/${enc(workshopId)}/roster.csv`;
}

/** The live feed's WebSocket address, on the page's own host (`loc`: {protocol, host}, i.e. location). */
export function liveSocketUrl(workshopId, loc) {
  const scheme = loc.protocol === 'https:' ? 'wss://' : 'ws://';
  return `${scheme}${loc.host}/api/workshops/${enc(workshopId)}/live`;
}
