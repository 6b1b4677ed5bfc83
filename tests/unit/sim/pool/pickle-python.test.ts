/**
 * The pickler against the real thing: 2,000 random value graphs (shared sub-objects,
 * big ints, Korean text, sets, instances, partials) plus big values (1000-item batches,
 * 64 KiB frames, out-of-frame payloads) are rebuilt in one python3 process with the same
 * object identities and pickled with `pickle.dumps` at protocols 4 and 5. Every pickle must
 * have the same length — and, when no set is involved (CPython orders sets by hash), the
 * same bytes.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickleDumps, type PyValue } from '@/lib/sim/pool';
import { createRng } from '@/lib/sim/rng';
import { requirePython } from '../../../oracle/run-programs';
import { PYTHON_BUILDER, bigValue, encodeValue, randomValue, runPythonScript } from './python-values';

const RANDOM = 2000;
const BIG = 60;

interface Case {
  readonly value: PyValue;
  readonly hasSet: boolean;
}

function hasSet(v: PyValue): boolean {
  switch (v.kind) {
    case 'set':
    case 'frozenset':
      return true;
    case 'list':
    case 'tuple':
      return v.items.some(hasSet);
    case 'dict':
      return v.entries.some(([k, x]) => hasSet(k) || hasSet(x));
    case 'instance':
      return v.state ? hasSet(v.state) : false;
    case 'reduce':
      return hasSet(v.args) || (v.state ? hasSet(v.state) : false);
    default:
      return false;
  }
}

const rng = createRng(20_261_105);
const cases: Case[] = [];
for (let i = 0; i < RANDOM; i++) {
  const opts = { allowSets: i % 3 === 0 };
  const shareable: PyValue[] = [];
  const value = randomValue(rng, rng.int(1, 4), shareable, opts);
  cases.push({ value, hasSet: hasSet(value) });
}
for (let i = 0; i < BIG; i++) {
  const value = bigValue(rng, { allowSets: i % 4 === 0 });
  cases.push({ value, hasSet: hasSet(value) });
}

const SCRIPT = `${PYTHON_BUILDER}
values = json.loads(sys.stdin.read())
out = []
for node in values:
    v = build_all(node)
    row = []
    for proto in (4, 5):
        d = pickle.dumps(v, protocol=proto)
        row.append([len(d), hashlib.sha256(d).hexdigest()])
    out.append(row)
print(json.dumps(out))
`;

let python: [number, string][][] = [];

beforeAll(async () => {
  requirePython();
  const input = JSON.stringify(cases.map((c) => encodeValue(c.value)));
  python = JSON.parse(await runPythonScript(SCRIPT, input)) as [number, string][][];
}, 120_000);

describe('pickleDumps matches CPython pickle.dumps', () => {
  it(`has ${RANDOM + BIG} values to compare (never vacuous)`, () => {
    expect(python.length).toBe(cases.length);
    expect(cases.filter((c) => !c.hasSet).length).toBeGreaterThan(RANDOM / 2);
  });

  for (const proto of [4, 5] as const) {
    it(`protocol ${proto}: same size for every value, same bytes when no set is involved`, () => {
      const failures: string[] = [];
      cases.forEach((c, i) => {
        const mine = pickleDumps(c.value, proto);
        if (!mine.ok) {
          failures.push(`#${i}: mine raised ${mine.error.type}`);
          return;
        }
        const [len, sha] = python[i]?.[proto - 4] ?? [NaN, ''];
        if (mine.bytes.length !== len) {
          failures.push(`#${i}: size ${mine.bytes.length} != python ${len}: ${JSON.stringify(encodeValue(c.value)).slice(0, 300)}`);
          return;
        }
        if (!c.hasSet && createHash('sha256').update(mine.bytes).digest('hex') !== sha) {
          failures.push(`#${i}: same size, different bytes: ${JSON.stringify(encodeValue(c.value)).slice(0, 300)}`);
        }
      });
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }
});
