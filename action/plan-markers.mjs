// The hidden lines CI finds in dialform's Markdown plans and in the comments and notes it writes:
// one home for the GitHub (github.mjs) and GitLab (gitlab.mjs) scripts.

/** The fingerprint marker dialform's Markdown output carries on its own line (docs/review-loop.md). */
export const FINGERPRINT_MARKER = /^<!-- dialform:fingerprint (sha256:[0-9a-f]{64}) -->$/gm;

/** The marker line for `fingerprint`, as dialform writes it. */
export function fingerprintMarker(fingerprint) {
  return `<!-- dialform:fingerprint ${fingerprint} -->`;
}

/** The fingerprints the markers in `text` carry, in order. */
export function fingerprintsIn(text) {
  return [...text.matchAll(FINGERPRINT_MARKER)].map((m) => m[1]);
}

/** The hidden first line that finds this config's comment, issue or note of `kind` (`plan`, `apply`, `drift`) again. */
export function markerOf(kind, configPath) {
  return `<!-- dialform-${kind}: ${configPath.replace(/--/g, '- -')} -->`;
}
