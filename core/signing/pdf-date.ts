/** PDF date strings (ISO 32000-1 7.9.4): D:YYYYMMDDHHmmSS+HH'mm'. */
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats `time` in the zone `utcOffsetMinutes` east of UTC (Viet Nam: 420). */
export function formatPdfDate(time: Date, utcOffsetMinutes = 0): string {
  const local = new Date(time.getTime() + utcOffsetMinutes * 60_000);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(utcOffsetMinutes);
  return (
    `D:${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}` +
    `${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(off / 60))}'${pad(off % 60)}'`
  );
}

export function parsePdfDate(text: string): Date | undefined {
  const m =
    /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+-])(\d{2})'?(\d{2})?'?|Z.*)?$/.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const utc = Date.UTC(
    Number(m[1]),
    Number(m[2] ?? 1) - 1,
    Number(m[3] ?? 1),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  const offset = m[7] ? (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9] ?? 0)) : 0;
  return new Date(utc - offset * 60_000);
}
