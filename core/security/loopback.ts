/**
 * Which host names stay on this machine: the server may speak plain HTTP only there, and the
 * desktop app accepts an `http:` server URL only there. Loopback is 127.0.0.0/8, ::1 and
 * "localhost"; everything else (0.0.0.0, ::, a LAN address, a name) reaches the network.
 */
import { ipv4Octets, ipv6Groups } from './ip';

/** True for 127.0.0.0/8, ::1 (also written [::1] or in full) and localhost. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  if (name === 'localhost') return true;
  const v4 = ipv4Octets(name);
  if (v4) return v4[0] === 127;
  const v6 = ipv6Groups(name.replace(/^\[(.*)\]$/, '$1'));
  return v6 !== null && v6.every((group, i) => group === (i === 7 ? 1 : 0));
}

/** An address that listens on every interface (0.0.0.0, ::). */
export function isWildcardHost(host: string): boolean {
  const name = host.trim().replace(/^\[(.*)\]$/, '$1');
  return name === '0.0.0.0' || (ipv6Groups(name)?.every((group) => group === 0) ?? false);
}
