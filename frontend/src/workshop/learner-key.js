// The learner's key as people carry it between devices: the resume code typed or pasted (perhaps the whole
// resume link), and the fragment of a /resume#<key> link. And what GET /api/me's answer means. No DOM.

/** The key in what was typed or pasted: the code itself, or the part after '#' of a resume link. */
export function resumeKeyFrom(input) {
  const text = String(input ?? '').trim();
  const hash = text.indexOf('#');
  return decodeFragment(hash >= 0 ? text.slice(hash + 1) : text).trim();
}

/** The key in location.hash ("#abc" -> "abc"); '' when there is none. */
export function keyFromFragment(hash) {
  return decodeFragment(String(hash ?? '').replace(/^#/, '')).trim();
}

function decodeFragment(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // Not percent-encoded after all: as it is.
  }
}

/**
 * What a failed GET /api/me means for the learner page: 'anonymous' (no learner cookie: the page as it always
 * was), 'problem' (a cookie that no longer works, or the workshop ended: say so, offer a way on), or 'unknown'
 * (anything else, e.g. the server unreachable: the page works anonymously and says what happened).
 */
export function meProblem(error) {
  if (error?.status === 401 && error.code === 'learner-key-missing') return 'anonymous';
  if (error?.code === 'learner-key-unknown' || error?.code === 'workshop-ended'
    || error?.status === 410 || error?.status === 401) return 'problem';
  return 'unknown';
}
