/**
 * X.509 directory names as text: each value decoded by its ASN.1 string type (UTF8String,
 * BMPString, UniversalString…) so "Nguyễn Tiến Sỹ" comes out as it went in, and the whole name
 * printed RFC 4514 style.
 */
import forge from 'node-forge';
import { binaryStringToBytes, utf8Decode } from '../crypto/encoding';

const { asn1 } = forge;

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** Decodes a name value as forge hands it over, by its ASN.1 tag, so UTF8String becomes proper text. */
export function decodeDirectoryString(value: string, tag: number): string {
  switch (tag) {
    case asn1.Type.UTF8:
      return utf8Decode(binaryStringToBytes(value));
    case asn1.Type.BMPSTRING:
      // forge already turns BMPString into a JS string when it parses.
      return value;
    case 28: {
      // UniversalString: UCS-4 big-endian
      const points: number[] = [];
      for (let i = 0; i + 3 < value.length; i += 4) {
        points.push(
          ((value.charCodeAt(i) << 24) |
            (value.charCodeAt(i + 1) << 16) |
            (value.charCodeAt(i + 2) << 8) |
            value.charCodeAt(i + 3)) >>>
            0,
        );
      }
      return String.fromCodePoint(...points);
    }
    default:
      // PrintableString, IA5String, VisibleString, TeletexString: one byte per char.
      return value;
  }
}

export interface NameAttribute {
  oid: string;
  value: string;
}

export function decodeName(attributes: forge.pki.CertificateField[]): NameAttribute[] {
  return attributes.map((attr) => ({
    oid: attr.type ?? '',
    value: decodeDirectoryString(
      typeof attr.value === 'string' ? attr.value : '',
      attr.valueTagClass ?? 0,
    ),
  }));
}

function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, '\\$&')
    .replace(/^[ #]/, '\\$&')
    .replace(/ $/, '\\ ');
}

/** RFC 4514 style: last RDN first, like `openssl x509 -nameopt RFC2253`. */
export function formatDn(attrs: NameAttribute[]): string {
  return [...attrs]
    .reverse()
    .map((a) => `${SHORT_NAMES[a.oid] ?? a.oid}=${escapeDnValue(a.value)}`)
    .join(',');
}

export function firstValue(attrs: NameAttribute[], oid: string): string | null {
  return attrs.find((a) => a.oid === oid)?.value ?? null;
}
