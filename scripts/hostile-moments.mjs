// Moments no test may depend on not being (issue 11 §1), given in UTC for Vietnam's local time: a
// Sunday, the eve of Tết, the last seconds of a year, a public holiday. `npm test` runs its
// date-sensitive projects at one of them; `npm run test:dates` runs the whole suite at each.

export const HOSTILE_MOMENTS = [
  { key: 'sunday', label: 'a Sunday', at: '2027-01-03T02:30:00Z' },
  { key: 'tet-eve', label: 'the eve of Tết', at: '2027-02-05T03:00:00Z' },
  { key: 'new-year-eve', label: '31 December 23:59:30 in Vietnam', at: '2026-12-31T16:59:30Z' },
  { key: 'holiday', label: 'a public holiday (30/4)', at: '2027-04-30T02:00:00Z' },
];

/** libfaketime's relative form (`faketime -f +N`): seconds from the real now to the moment. */
export function offsetTo(moment, now = Date.now()) {
  const seconds = Math.round((Date.parse(moment) - now) / 1000);
  return seconds >= 0 ? `+${seconds}` : String(seconds);
}
