import { describe, expect, it } from 'vitest';
import { actionState, flightRows } from '@/bench/flight';

describe("the HTTP bench reads a server action's reply", () => {
  // The shape of a reply the bench once failed to read: a long string went out as a text row,
  // with no newline after it, and the row holding the action's value followed on the same line.
  const code = '#include <unistd.h>\nint main(void) {\n    pause();  /* 자식 */\n}';
  const reply = `:HL["/_next/static/chunks/a.css","style"]\n0:{"a":"$@1","q":"","i":false}\n2:T${Buffer.byteLength(code).toString(16)},${code}1:{"status":"graded","prompt":"$2"}\n`;

  it('cuts text rows by their length in UTF-8 bytes, not by lines', () => {
    const rows = flightRows(reply);
    expect(rows.get('2')).toBe(code);
    expect(rows.get('1')).toBe('{"status":"graded","prompt":"$2"}');
    expect([...rows.keys()]).toEqual(['0', '2', '1']);
  });

  it("finds the action's value after a text row", () => {
    expect(actionState(reply)).toEqual({ status: 'graded', prompt: '$2' });
  });

  it('reads plain JSON rows and gives null for a reply without a value', () => {
    expect(actionState('0:{"a":"$@1"}\n1:{"status":"ok"}\n')).toEqual({ status: 'ok' });
    expect(actionState('0:{"a":{"status":"saved"}}\n')).toEqual({ status: 'saved' });
    expect(actionState('<html>')).toBeNull();
  });
});
