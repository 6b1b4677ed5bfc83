/**
 * Reads a pickle back into opcodes, like `pickletools.genops`: offset, opcode name, argument
 * and byte count of each instruction. Explanations show it as a table.
 */
import { OP } from './pickle';

export interface PickleOp {
  readonly offset: number;
  readonly name: string;
  /** The argument as pickletools prints it (shortened for long payloads). */
  readonly arg: string;
  /** Bytes taken by the opcode and its argument. */
  readonly size: number;
}

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(OP).map(([name, code]) => [code, name]));

const u = (b: Uint8Array, at: number, n: number): number => {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + (b[at + i] ?? 0);
  return v;
};

function shorten(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function pyStrRepr(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function bytesRepr(b: Uint8Array): string {
  let s = "b'";
  for (const x of b.subarray(0, 24)) s += x >= 0x20 && x < 0x7f && x !== 0x27 && x !== 0x5c ? String.fromCharCode(x) : `\\x${x.toString(16).padStart(2, '0')}`;
  return `${s}${b.length > 24 ? '…' : ''}'`;
}

function longValue(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i] ?? 0);
  if (((b[b.length - 1] ?? 0) & 0x80) !== 0) v -= 1n << BigInt(8 * b.length);
  return v;
}

/** Decodes every opcode of a pickle this module's pickler can write. */
export function disassemble(bytes: Uint8Array): PickleOp[] {
  const ops: PickleOp[] = [];
  const dec = new TextDecoder();
  let pos = 0;
  while (pos < bytes.length) {
    const code = bytes[pos] as number;
    const name = NAMES[code];
    if (!name) throw new Error(`unknown opcode 0x${code.toString(16)} at ${pos}`);
    const at = pos + 1;
    let size = 1;
    let arg = '';
    const payload = (lenBytes: number) => {
      const n = u(bytes, at, lenBytes);
      size = 1 + lenBytes + n;
      return bytes.subarray(at + lenBytes, at + lenBytes + n);
    };
    switch (code) {
      case OP.PROTO:
      case OP.BININT1:
      case OP.BINGET:
        size = 2;
        arg = String(bytes[at]);
        break;
      case OP.BININT2:
        size = 3;
        arg = String(u(bytes, at, 2));
        break;
      case OP.BININT:
        size = 5;
        arg = String(u(bytes, at, 4) | 0);
        break;
      case OP.LONG_BINGET:
        size = 5;
        arg = String(u(bytes, at, 4));
        break;
      case OP.FRAME:
        size = 9;
        arg = String(u(bytes, at, 8));
        break;
      case OP.BINFLOAT:
        size = 9;
        arg = String(new DataView(bytes.buffer, bytes.byteOffset + at, 8).getFloat64(0, false));
        break;
      case OP.LONG1:
        arg = shorten(longValue(payload(1)).toString());
        break;
      case OP.LONG4:
        arg = shorten(longValue(payload(4)).toString());
        break;
      case OP.SHORT_BINUNICODE:
        arg = shorten(pyStrRepr(dec.decode(payload(1))));
        break;
      case OP.BINUNICODE:
        arg = shorten(pyStrRepr(dec.decode(payload(4))));
        break;
      case OP.BINUNICODE8:
        arg = shorten(pyStrRepr(dec.decode(payload(8))));
        break;
      case OP.SHORT_BINBYTES:
        arg = bytesRepr(payload(1));
        break;
      case OP.BINBYTES:
        arg = bytesRepr(payload(4));
        break;
      case OP.BINBYTES8:
      case OP.BYTEARRAY8:
        arg = bytesRepr(payload(8));
        break;
      default:
        break;
    }
    ops.push({ offset: pos, name, arg, size });
    pos += size;
  }
  return ops;
}
