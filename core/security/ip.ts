/** Strict parsing of IP address literals, without node:net (core runs in browsers too). */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The four octets of a dotted-quad IPv4 address (no leading zeros), or null. */
export function ipv4Octets(text: string): number[] | null {
  return IPV4.test(text) ? text.split('.').map(Number) : null;
}

/**
 * The eight 16-bit groups of an IPv6 address (RFC 4291 text form, "::" at most once, an IPv4
 * tail allowed; no zone id, no brackets), or null.
 */
export function ipv6Groups(text: string): number[] | null {
  const halves = text.toLowerCase().split('::');
  if (halves.length > 2) return null;
  const parse = (part: string, isLast: boolean): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    const pieces = part.split(':');
    for (const [index, piece] of pieces.entries()) {
      const v4 = isLast && index === pieces.length - 1 ? ipv4Octets(piece) : null;
      if (v4) {
        groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const compressed = halves.length === 2;
  const head = parse(halves[0] ?? '', !compressed);
  const tail = compressed ? parse(halves[1] ?? '', true) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (compressed ? missing < 1 : missing !== 0) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** True for an IPv4 or IPv6 address literal. */
export function isIpAddress(text: string): boolean {
  return ipv4Octets(text) !== null || ipv6Groups(text) !== null;
}
