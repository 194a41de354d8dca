/**
 * Times for fixtures that independent judges check against the real clock. pdfsig and pyHanko
 * validate certificates "now", so a signature fixture cannot use a fixed calendar date: its
 * signing time and its certificates must both sit around the present, whatever the clock says
 * (the suite also runs under `faketime -f '+400d'`).
 */

export const DAY_MS = 86_400_000;

/** `offsetMs` from `from` (default: now), in whole seconds as a PDF `/M` date keeps it. */
export function instantNear(offsetMs = 0, from: number = Date.now()): Date {
  return new Date(Math.floor((from + offsetMs) / 1000) * 1000);
}
