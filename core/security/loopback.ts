/**
 * Which host names stay on this machine: the server may speak plain HTTP only there, and the
 * desktop app accepts an `http:` server URL only there. Loopback is 127.0.0.0/8, ::1 and
 * "localhost"; everything else (0.0.0.0, ::, a LAN address, a name) reaches the network.
 */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** True for 127.0.0.0/8, ::1 (also written [::1] or in full) and localhost. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  if (name === 'localhost') return true;
  const v4 = IPV4.exec(name);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    return octets.every((o) => o <= 255) && octets[0] === 127;
  }
  const v6 = name.replace(/^\[(.*)\]$/, '$1');
  if (!v6.includes(':')) return false;
  // ::1 in any spelling: every group zero but the last, which is 1.
  if (!/^[0-9a-f:]+$/.test(v6) || (v6.match(/::/g) ?? []).length > 1) return false;
  const [head = '', tail] = v6.split('::');
  const groups =
    tail === undefined
      ? head.split(':')
      : [...(head === '' ? [] : head.split(':')), ...(tail === '' ? [] : tail.split(':'))];
  if (tail === undefined ? groups.length !== 8 : groups.length > 7) return false;
  if (!groups.every((g) => g.length >= 1 && g.length <= 4)) return false;
  const values = groups.map((g) => parseInt(g, 16));
  return values.at(-1) === 1 && values.slice(0, -1).every((v) => v === 0);
}

/** An address that listens on every interface (0.0.0.0, ::). */
export function isWildcardHost(host: string): boolean {
  const name = host.trim().replace(/^\[(.*)\]$/, '$1');
  return name === '0.0.0.0' || /^[0:]+$/.test(name);
}
