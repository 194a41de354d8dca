/**
 * The few web-platform globals core/ may use: each exists, with these semantics, in Node 20,
 * browsers and Electron alike (WinterCG's common minimum). tsconfig.core.json has no DOM and no
 * Node types, so anything not declared here (window, fetch, localStorage, Buffer, process) is a
 * type error in core. Declared as narrowly as core uses them; ESLint's `no-undef` allowlist for
 * core (eslint.config.js, `coreGlobals`) names the same set.
 */
export {};

declare global {
  interface TextEncoder {
    encode(input?: string): Uint8Array<ArrayBuffer>;
  }
  var TextEncoder: { new (): TextEncoder };

  interface TextDecoder {
    decode(input?: ArrayBuffer | ArrayBufferView, options?: { stream?: boolean }): string;
  }
  var TextDecoder: {
    new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
  };

  interface URL {
    readonly origin: string;
    href: string;
    protocol: string;
    username: string;
    password: string;
    host: string;
    hostname: string;
    port: string;
    pathname: string;
    search: string;
    hash: string;
  }
  var URL: { new (url: string, base?: string | URL): URL };

  function atob(data: string): string;
  function btoa(data: string): string;

  /** Web streams, only as far as inflating a buffer through DecompressionStream needs. */
  interface ReadableStream<R = Uint8Array> {
    pipeThrough<T>(transform: {
      readable: ReadableStream<T>;
      writable: WritableStream<R>;
    }): ReadableStream<T>;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface WritableStream<W = Uint8Array> {
    readonly locked: boolean;
  }
  interface Blob {
    stream(): ReadableStream<Uint8Array>;
  }
  var Blob: { new (parts: readonly Uint8Array[]): Blob };
  interface DecompressionStream {
    readonly readable: ReadableStream<Uint8Array>;
    readonly writable: WritableStream<Uint8Array>;
  }
  var DecompressionStream: {
    new (format: 'deflate' | 'deflate-raw' | 'gzip'): DecompressionStream;
  };
  interface Response {
    arrayBuffer(): Promise<ArrayBuffer>;
  }
  var Response: { new (body: ReadableStream<Uint8Array>): Response };
  /** Deflating image data for signature appearances (core/signing/appearance-image.ts). */
  interface CompressionStream {
    readonly readable: ReadableStream<Uint8Array>;
    readonly writable: WritableStream<Uint8Array>;
  }
  var CompressionStream: {
    new (format: 'deflate' | 'deflate-raw' | 'gzip'): CompressionStream;
  };
}
