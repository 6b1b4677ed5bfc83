/**
 * "How many bytes?" — tier 1: `len(pickle.dumps(value, protocol))` for a literal; tier 2: the
 * bytes the parent writes into the task pipe for `pool.map(f, data, chunksize=k)`; tier 3:
 * the bytes crossing both pipes for `pool.map(f, data)` with the default chunksize.
 */
import type { Rng } from '@/lib/sim/rng';
import {
  disassemble,
  lit,
  literalSource,
  literalValue,
  OP,
  pickleDumps,
  simulatePoolCall,
  taskTuples,
  wireBytes,
  type Literal,
  type PoolCall,
  type PoolRun,
  type Protocol,
  type PyValue,
} from '@/lib/sim/pool';
import { inHamnidaGenerator, L, search, text } from '../kit';
import { defineGenerator, type Generated, type Explanation, type Localized, type Tier } from '../types';
import {
  BYTES,
  JOB_RULE,
  PLATFORM,
  WIRE_RULE,
  disassemblyTable,
  messageSize,
  messageTable,
  numberOptions,
  python,
  type MessageSize,
  type NumberChoice,
} from './common';
import { poolMisconceptions as M } from './misconceptions';
import { poolProgram } from './python-program';
import { WORK, WORK_FOR, dataItems, dataLength, dataSource, workGlobal, workOutcome, type DataRecipe, type WorkName } from './workloads';

export type PickleBytesScenario =
  | { readonly tier: 1; readonly literal: Literal; readonly protocol: Protocol }
  | {
      readonly tier: 2 | 3;
      readonly data: DataRecipe;
      readonly work: WorkName;
      readonly processes: number;
      /** Tier 2 states it; tier 3 uses map's default. */
      readonly chunksize?: number;
    };

// ------------------------------------------------------------------ tier 1: a literal

const KOREAN_WORDS = ['안녕', '파이썬', '프로세스', '피클', '한글', '데이터', '풀'];
const ASCII_WORDS = ['spam', 'eggs', 'pool', 'task', 'hello', 'data', 'worker'];

function scalar(rng: Rng): Literal {
  switch (rng.int(0, 6)) {
    case 0:
      return lit.int(rng.int(0, 255));
    case 1:
      return lit.int(rng.int(256, 65535));
    case 2:
      return lit.int(rng.pick([-1, -7, 70000, 1_000_000, -100_000]));
    case 3:
      return lit.int(rng.pick([2n ** 31n, 2n ** 40n + 7n, -(2n ** 35n), 10n ** 12n, 2n ** 64n]));
    case 4:
      return lit.float(rng.pick([0.5, 1.25, -2.5, 3.0, 0.1]));
    case 5:
      return rng.bool() ? lit.none() : lit.bool(rng.bool());
    default:
      return lit.str(rng.pick(ASCII_WORDS));
  }
}

function literalFor(rng: Rng): Literal {
  const korean = lit.str(rng.pick(KOREAN_WORDS));
  const items: Literal[] = [korean, scalar(rng), scalar(rng)];
  if (rng.bool(0.6)) items.push(rng.bool() ? korean : lit.str(rng.pick(KOREAN_WORDS)));
  if (rng.bool(0.5)) items.push(lit.tuple([scalar(rng), scalar(rng)]));
  if (rng.bool(0.3)) items.push(lit.list([scalar(rng)]));
  const shuffled = rng.shuffle(items);
  switch (rng.int(0, 2)) {
    case 0:
      return lit.list(shuffled);
    case 1:
      return lit.tuple(shuffled);
    default: {
      const values = shuffled.slice(0, 4);
      const keys = rng.sample(['id', 'name', 'score', 'tags', 'note', 'key', '이름', '점수'], values.length);
      return lit.dict(values.map((v, i) => [lit.str(keys[i] as string), v] as const));
    }
  }
}

/** Rebuilds a value with a transformation of every str, keeping identities. */
function mapStrs(v: PyValue, f: (s: string) => string, cache = new Map<PyValue, PyValue>()): PyValue {
  const hit = cache.get(v);
  if (hit) return hit;
  let out: PyValue;
  switch (v.kind) {
    case 'str':
      out = { ...v, value: f(v.value), ...(v.shared !== undefined ? { shared: `mapped:${v.shared}` } : {}) };
      break;
    case 'list':
    case 'tuple':
      out = { ...v, items: v.items.map((x) => mapStrs(x, f, cache)) };
      break;
    case 'dict':
      out = { ...v, entries: v.entries.map(([k, x]) => [mapStrs(k, f, cache), mapStrs(x, f, cache)] as const) };
      break;
    default:
      out = v;
  }
  cache.set(v, out);
  return out;
}

/** The same value with no two references to one object (every occurrence a fresh copy). */
function unshared(v: PyValue): PyValue {
  switch (v.kind) {
    case 'str':
      return { kind: 'str', value: v.value };
    case 'bytes':
      return { kind: 'bytes', data: v.data };
    case 'list':
      return { kind: 'list', items: v.items.map(unshared) };
    case 'tuple':
      return { kind: 'tuple', items: v.items.map(unshared) };
    case 'dict':
      return { kind: 'dict', entries: v.entries.map(([k, x]) => [unshared(k), unshared(x)] as const) };
    default:
      return v;
  }
}

const size = (v: PyValue, p: Protocol): number => {
  const r = pickleDumps(v, p, { sizeOnly: true });
  if (!r.ok) throw new Error(`unpicklable scenario value: ${r.error.message}`);
  return r.size;
};

/** Tier 1: the pickle of the literal and the sizes a misconception gives. */
interface LiteralAnalysis {
  readonly pickle: readonly number[];
  readonly answer: number;
  readonly distractors: NumberChoice[];
  readonly framed: boolean;
  readonly memoHits: number;
  readonly nonAscii: boolean;
}

function analyzeLiteral(literal: Literal, protocol: Protocol): LiteralAnalysis {
  const value = literalValue(literal);
  const r = pickleDumps(value, protocol);
  if (!r.ok) throw new Error('literals always pickle');
  const ops = disassemble(r.bytes);
  const answer = r.bytes.length;
  const framed = r.bytes[2] === OP.FRAME;
  const ascii = (s: string) => 'a'.repeat([...s].length);
  const smallInts = ops.filter((o) => o.name === 'BININT1' || o.name === 'BININT2').reduce((n, o) => n + (5 - o.size), 0);
  const distractors: NumberChoice[] = [
    { value: size(mapStrs(value, ascii), protocol), misconception: M.pickleChars },
    { value: size(unshared(value), protocol), misconception: M.pickleNoMemo },
    { value: answer + smallInts, misconception: M.pickleFixedInt },
    { value: answer - 3 - (framed ? 9 : 0), misconception: M.pickleNoFrame },
  ];
  return {
    pickle: Array.from(r.bytes),
    answer,
    distractors,
    framed,
    memoHits: ops.filter((o) => o.name === 'BINGET' || o.name === 'LONG_BINGET').length,
    nonAscii: /[^\x00-\x7f]/.test(literalSource(literal)),
  };
}

/** Tiers 2–3: the map call's messages (sizes only) and the totals a misconception gives. */
interface CallAnalysis {
  readonly chunksize: number;
  readonly tasks: readonly MessageSize[];
  readonly results: readonly MessageSize[];
  readonly distractors: readonly NumberChoice[];
}

export type PickleBytesAnalysis = LiteralAnalysis | CallAnalysis;

function analyzeCall(s: Extract<PickleBytesScenario, { tier: 2 | 3 }>, run: PoolRun = callOf(s)): CallAnalysis {
  return { chunksize: run.chunksize, tasks: run.tasks.map(messageSize), results: run.results.map(messageSize), distractors: callDistractors(s, run) };
}

function analyze(s: PickleBytesScenario): PickleBytesAnalysis {
  return s.tier === 1 ? analyzeLiteral(s.literal, s.protocol) : analyzeCall(s);
}

function tier1Scenario(rng: Rng): Generated<PickleBytesScenario, PickleBytesAnalysis> | null {
  const literal = literalFor(rng);
  const protocol: Protocol = rng.bool(0.75) ? 4 : 5;
  const scenario: PickleBytesScenario = { tier: 1, literal, protocol };
  const analysis = analyzeLiteral(literal, protocol);
  const options = numberOptions(analysis.answer, analysis.distractors, BYTES);
  return options.length >= 4 ? { scenario, analysis } : null;
}

// ------------------------------------------------------------------ tiers 2–3: a map call

function callSpec(s: Extract<PickleBytesScenario, { tier: 2 | 3 }>, overrides: { chunksize?: number; items?: PyValue[] } = {}): PoolCall {
  return {
    method: 'map',
    func: workGlobal(s.work),
    items: overrides.items ?? dataItems(s.data),
    processes: s.processes,
    ...(overrides.chunksize !== undefined ? { chunksize: overrides.chunksize } : s.chunksize !== undefined ? { chunksize: s.chunksize } : {}),
    outcome: workOutcome(s.work),
    sizeOnly: true,
  };
}

/** Message sizes of the map call (sizes only: the bytes of task 0 come from `firstTask`). */
function callOf(s: Extract<PickleBytesScenario, { tier: 2 | 3 }>, overrides: { chunksize?: number; items?: PyValue[] } = {}): PoolRun {
  return simulatePoolCall(callSpec(s, overrides));
}

/** The pickled bytes of task message 0, for the disassembly. */
function firstTask(s: Extract<PickleBytesScenario, { tier: 2 | 3 }>): Uint8Array | null {
  const [t] = taskTuples(callSpec(s));
  const r = t ? pickleDumps(t.value, 4) : null;
  return r?.ok ? r.bytes : null;
}

function dataFor(rng: Rng, tier: 2 | 3): DataRecipe {
  const n = rng.int(tier === 2 ? 6 : 10, tier === 2 ? 16 : 40);
  const kinds: DataRecipe['kind'][] = tier === 2 ? ['range', 'names', 'floats', 'pairs'] : ['range', 'names', 'repeat', 'records', 'blobs', 'pairs'];
  switch (rng.pick(kinds)) {
    case 'range': {
      const start = rng.pick([0, 0, 100, 250, 1000]);
      return { kind: 'range', start, stop: start + n };
    }
    case 'names':
      return { kind: 'names', n, prefix: rng.pick(['user', 'item', 'file_', '작업']) };
    case 'repeat':
      return { kind: 'repeat', n, text: rng.pick(['안녕하세요', '프로세스 풀', 'hello world', 'spam and eggs']) };
    case 'records':
      return { kind: 'records', n };
    case 'blobs':
      return { kind: 'blobs', n: rng.int(4, 12), size: rng.pick([1000, 4096, 30_000, 70_000]) };
    case 'floats':
      return { kind: 'floats', n };
    default:
      return { kind: 'pairs', n };
  }
}

function callDistractors(s: Extract<PickleBytesScenario, { tier: 2 | 3 }>, run: PoolRun): NumberChoice[] {
  const both = s.tier === 3;
  const total = wireBytes(run.tasks) + (both ? wireBytes(run.results) : 0);
  const messages = run.tasks.length + (both ? run.results.length : 0);
  const perItem = (r: PoolRun) => wireBytes(r.tasks) + (both ? wireBytes(r.results) : 0);
  // The call with another chunksize; with the one it already uses, that is this very run.
  const withChunksize = (k: number) => (k === run.chunksize ? run : callOf(s, { chunksize: k }));
  const n = dataLength(s.data);
  const out: NumberChoice[] = [{ value: total - 4 * messages, misconception: M.noLengthHeader }];
  if (both) {
    out.push({ value: wireBytes(run.tasks), misconception: M.resultsFree });
    out.push({ value: perItem(withChunksize(1)), misconception: M.mapChunkOne });
    out.push({ value: perItem(withChunksize(Math.ceil(n / s.processes))), misconception: M.oneChunkPerWorker });
    if (s.data.kind === 'repeat' || s.data.kind === 'records') {
      out.push({ value: perItem(callOf(s, { items: dataItems(s.data).map(unshared) })), misconception: M.pickleNoMemo });
    }
  } else {
    // one reference: '__main__' + name strings, their MEMOIZEs, STACK_GLOBAL, MEMOIZE
    const ref = 2 + 8 + 1 + 2 + s.work.length + 1 + 1 + 1;
    out.push({ value: total - (run.tasks.length - 1) * ref, misconception: M.functionSentOnce });
    out.push({ value: perItem(withChunksize(1)), misconception: M.chunksizeNoEffect });
    out.push({ value: dataItems(s.data).reduce((k, x) => k + size(x, 4), 0), misconception: M.onlyData });
  }
  return out;
}

function callScenario(rng: Rng, tier: 2 | 3): Generated<PickleBytesScenario, PickleBytesAnalysis> | null {
  const data = dataFor(rng, tier);
  const work = rng.pick(WORK_FOR[data.kind]);
  const processes = rng.int(2, 4);
  const n = dataLength(data);
  const s: Extract<PickleBytesScenario, { tier: 2 | 3 }> =
    tier === 2 ? { tier, data, work, processes, chunksize: rng.int(2, Math.max(2, Math.min(6, n - 1))) } : { tier, data, work, processes };
  const run = callOf(s);
  if (run.outcome.kind !== 'ok' || run.tasks.length < 2) return null;
  const total = wireBytes(run.tasks) + (tier === 3 ? wireBytes(run.results) : 0);
  const analysis = analyzeCall(s, run);
  return numberOptions(total, analysis.distractors, BYTES).length >= 4 ? { scenario: s, analysis } : null;
}

// ------------------------------------------------------------------ version 3: the beliefs' models

/** The bytes of a pickle that are not the value: PROTO, every FRAME header and STOP. */
function framing(pickle: Uint8Array): number {
  return disassemble(pickle)
    .filter((o) => o.name === 'PROTO' || o.name === 'FRAME' || o.name === 'STOP')
    .reduce((n, o) => n + o.size, 0);
}

/**
 * "A pickle is only the opcodes of the value" (version 3's headline, every tier): the bytes
 * counted without PROTO, FRAME headers and STOP — of the literal's pickle in tier 1, of every
 * counted message's pickle in tiers 2–3 (a payload of 64 KiB or more is written outside frames,
 * so a message may hold several FRAME headers).
 */
export function noFrameModel(s: PickleBytesScenario): number {
  if (s.tier === 1) {
    const r = pickleDumps(literalValue(s.literal), s.protocol);
    if (!r.ok) throw new Error('literals always pickle');
    return r.bytes.length - framing(r.bytes);
  }
  const run = simulatePoolCall({ ...callSpec(s), sizeOnly: false });
  const counted = s.tier === 3 ? [...run.tasks, ...run.results] : run.tasks;
  return counted.reduce((n, m) => n + m.wire - framing(m.pickle), 0);
}

/** Version 3: the headline belief first, so a value another belief shares keeps its tag. */
function analyzeV3(s: PickleBytesScenario): PickleBytesAnalysis {
  const a = analyze(s);
  const headline: NumberChoice = { value: noFrameModel(s), misconception: M.pickleNoFrame };
  return { ...a, distractors: [headline, ...a.distractors.filter((d) => d.misconception !== M.pickleNoFrame)] };
}

function scenarioV3(rng: Rng, tier: Tier): Generated<PickleBytesScenario, PickleBytesAnalysis> | null {
  const found = tier === 1 ? tier1Scenario(rng) : callScenario(rng, tier);
  if (!found) return null;
  const analysis = analyzeV3(found.scenario);
  const answer = found.scenario.tier === 1 ? (analysis as LiteralAnalysis).answer : callTotal(found.scenario, analysis as CallAnalysis);
  return numberOptions(answer, analysis.distractors, BYTES).length >= 4 ? { scenario: found.scenario, analysis } : null;
}

/** The bytes a map question asks for. */
function callTotal(s: Extract<PickleBytesScenario, { tier: 2 | 3 }>, a: CallAnalysis): number {
  return wireBytes(a.tasks) + (s.tier === 3 ? wireBytes(a.results) : 0);
}

// ------------------------------------------------------------------ code

function literalCode(s: Extract<PickleBytesScenario, { tier: 1 }>): string {
  return ['import pickle', '', `value = ${literalSource(s.literal)}`, `data = pickle.dumps(value, protocol=${s.protocol})`, 'print(len(data))', ''].join('\n');
}

function mapCode(s: Extract<PickleBytesScenario, { tier: 2 | 3 }>, after: readonly string[] = []): string {
  const chunk = s.chunksize !== undefined ? `, chunksize=${s.chunksize}` : '';
  return [
    'from multiprocessing import Pool',
    '',
    '',
    ...WORK[s.work].source,
    '',
    '',
    'if __name__ == "__main__":',
    `    data = ${dataSource(s.data)}`,
    `    with Pool(${s.processes}) as pool:`,
    `        result = pool.map(${s.work}, data${chunk})`,
    ...after.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

// ------------------------------------------------------------------ question

const RULE_PICKLE = L(
  'CPython 3.11 (Modules/_pickle.c), protocol ≥ 4: PROTO (2 bytes), a FRAME header (9 bytes) around the body when the body is at least 4 bytes, STOP (1). Ints: BININT1 0–255 (2 bytes), BININT2 256–65535 (3), BININT other 32-bit (5), LONG1 beyond (2 + minimal two\'s-complement bytes). float: BINFLOAT (9). str: UTF-8 with SHORT_BINUNICODE (2 + n) up to 255 bytes. Every str, bytes, tuple, list and dict is followed by MEMOIZE (1); the same object again is BINGET (2). Lists: EMPTY_LIST, then APPEND for one item or MARK … APPENDS; tuples of 1–3 items TUPLE1–3, longer MARK … TUPLE; dicts EMPTY_DICT then SETITEM or MARK … SETITEMS. Equal str literals and tuples of constants in one module are one object.',
  'CPython 3.11(Modules/_pickle.c), 프로토콜 ≥ 4: PROTO(2바이트), 본문이 4바이트 이상이면 FRAME 헤더(9바이트), STOP(1). int: 0–255는 BININT1(2바이트), 256–65535는 BININT2(3), 그 밖의 32비트는 BININT(5), 더 크면 LONG1(2 + 최소 2의 보수 바이트). float: BINFLOAT(9). str: UTF-8, 255바이트까지 SHORT_BINUNICODE(2 + n). str, bytes, tuple, list, dict 뒤에는 MEMOIZE(1)가 붙고, 같은 객체가 다시 나오면 BINGET(2)입니다. 리스트: EMPTY_LIST 다음 항목 하나면 APPEND, 여럿이면 MARK … APPENDS. 튜플: 1–3개는 TUPLE1–3, 그보다 길면 MARK … TUPLE. dict: EMPTY_DICT 다음 SETITEM 또는 MARK … SETITEMS. 한 모듈 안의 같은 문자열 리터럴과 상수만으로 된 튜플은 하나의 객체입니다.',
);

const RULE_POOL = L(
  'multiprocessing.Pool.map (CPython 3.11, Lib/multiprocessing/pool.py) sends one task message per chunk through the task pipe, the tuple (job, i, mapstar, ((func, chunk_tuple),), {}), and each worker answers with (job, i, (True, [results])) through the result pipe. Functions are pickled by reference (module and name). Without chunksize, map uses chunksize = ceil(len(data) / (4 × processes)). Each message is a 4-byte length header plus the pickle (protocol 4). Both queues are SimpleQueues over Pipe(duplex=False), which on Unix is os.pipe() (a duplex Pipe would be socket.socketpair()).',
  'multiprocessing.Pool.map(CPython 3.11, Lib/multiprocessing/pool.py)은 청크마다 작업 메시지 하나, 즉 튜플 (job, i, mapstar, ((func, chunk_tuple),), {})를 작업 파이프로 보내고, 워커는 결과 파이프로 (job, i, (True, [결과들]))를 돌려보냅니다. 함수는 참조(모듈과 이름)로 pickle됩니다. chunksize가 없으면 map은 chunksize = ceil(len(data) / (4 × 프로세스 수))를 씁니다. 메시지마다 4바이트 길이 헤더 + pickle(프로토콜 4)입니다. 두 큐 모두 Pipe(duplex=False) 위의 SimpleQueue이며, Unix에서 이는 os.pipe()입니다(duplex Pipe라면 socket.socketpair()).',
);

function literalQuestion(s: Extract<PickleBytesScenario, { tier: 1 }>, a: LiteralAnalysis) {
  const summary: Localized[] = [
    L(
      `pickle.dumps writes ${a.answer} bytes: the table lists every opcode the C pickler emits.`,
      `pickle.dumps는 ${a.answer}바이트를 씁니다. 표에 C pickler가 쓰는 모든 opcode가 있습니다.`,
    ),
  ];
  if (a.framed) {
    summary.push(
      L(
        `Protocol ${s.protocol} wraps the body in a frame: PROTO (2 bytes) + FRAME header (9) + ${a.answer - 11} bytes of body ending with STOP.`,
        `프로토콜 ${s.protocol}은 본문을 프레임으로 감쌉니다: PROTO(2바이트) + FRAME 헤더(9) + STOP으로 끝나는 본문 ${a.answer - 11}바이트.`,
      ),
    );
  }
  if (a.nonAscii) {
    summary.push(L('Strings are stored as UTF-8: each Korean syllable is 3 bytes.', '문자열은 UTF-8로 저장됩니다: 한글 한 글자는 3바이트입니다.'));
  }
  if (a.memoHits > 0) {
    summary.push(
      L(
        `${a.memoHits} object(s) appear again and are written as BINGET memo references (2 bytes each): equal string literals (and tuples of constants) in one module are the same object.`,
        `${a.memoHits}개의 객체가 다시 나와 BINGET 메모 참조(각 2바이트)로 쓰입니다. 한 모듈 안의 같은 문자열 리터럴(과 상수 튜플)은 같은 객체입니다.`,
      ),
    );
  }
  const explanation: Explanation = {
    summary,
    views: [disassemblyTable(Uint8Array.from(a.pickle), L(`pickle.dumps(value, protocol=${s.protocol})`, `pickle.dumps(value, protocol=${s.protocol})`))],
    rule: RULE_PICKLE,
  };
  return {
    prompt: [
      text(`What does this program print (CPython 3.11)?`, `이 프로그램은 무엇을 출력하나요 (CPython 3.11)?`),
      python(literalCode(s)),
    ],
    options: numberOptions(a.answer, a.distractors, BYTES),
    answer: String(a.answer),
    explanation,
  };
}

function mapQuestion(s: Extract<PickleBytesScenario, { tier: 2 | 3 }>, run: CallAnalysis) {
  const both = s.tier === 3;
  const tasks = wireBytes(run.tasks);
  const results = wireBytes(run.results);
  const total = tasks + (both ? results : 0);
  const n = dataLength(s.data);
  const summary: Localized[] = [];
  if (s.chunksize === undefined) {
    summary.push(
      L(
        `No chunksize: map computes divmod(${n}, ${s.processes} × 4) = (${Math.floor(n / (4 * s.processes))}, ${n % (4 * s.processes)}), so chunksize = ${run.chunksize} and there are ${run.tasks.length} chunks.`,
        `chunksize가 없으므로 map은 divmod(${n}, ${s.processes} × 4) = (${Math.floor(n / (4 * s.processes))}, ${n % (4 * s.processes)})을 계산해 chunksize = ${run.chunksize}, 청크는 ${run.tasks.length}개입니다.`,
      ),
    );
  } else {
    summary.push(
      L(
        `${n} items in chunks of ${s.chunksize}: ${run.tasks.length} task messages (the last one may be shorter).`,
        `${n}개 항목을 ${s.chunksize}개씩 나누면 작업 메시지 ${run.tasks.length}개입니다(마지막은 더 짧을 수 있음).`,
      ),
    );
  }
  summary.push(
    L(
      `Each task message is the pickle of (0, i, mapstar, ((${s.work}, chunk),), {}) plus a 4-byte header; the function travels in every message as a reference ('__main__', '${s.work}'). Task messages: ${tasks} bytes.`,
      `작업 메시지는 (0, i, mapstar, ((${s.work}, chunk),), {})의 pickle에 4바이트 헤더를 더한 것이고, 함수는 모든 메시지에 참조('__main__', '${s.work}')로 들어갑니다. 작업 메시지: ${tasks}바이트.`,
    ),
  );
  if (both) {
    summary.push(
      L(
        `Each chunk comes back as (0, i, (True, [results])): ${run.results.length} result messages, ${results} bytes. Total: ${tasks} + ${results} = ${total} bytes.`,
        `청크마다 (0, i, (True, [결과들]))이 돌아옵니다: 결과 메시지 ${run.results.length}개, ${results}바이트. 합계: ${tasks} + ${results} = ${total}바이트.`,
      ),
    );
  }
  if (s.data.kind === 'repeat' || s.data.kind === 'records') {
    summary.push(
      L(
        s.data.kind === 'repeat'
          ? 'All items are the same str object, so inside one chunk it is written once and then referenced with 2-byte BINGETs.'
          : 'The keys "id" and "name" are the same two str objects in every dict, so after their first appearance in a chunk they are 2-byte BINGETs.',
        s.data.kind === 'repeat'
          ? '모든 항목이 같은 str 객체라서 한 청크 안에서는 한 번만 쓰이고 그다음은 2바이트 BINGET 참조입니다.'
          : '키 "id"와 "name"은 모든 dict에서 같은 두 str 객체라서, 청크 안에서 처음 나온 뒤에는 2바이트 BINGET입니다.',
      ),
    );
  }
  const first = firstTask(s);
  const views = [
    messageTable(both ? [...run.tasks, ...run.results] : run.tasks, L('Messages on the pipes', '파이프의 메시지')),
    ...(first ? [disassemblyTable(first, L('Task message 0, opcode by opcode', '작업 메시지 0의 opcode'))] : []),
  ];
  const question = both
    ? L(
        'How many bytes cross the two pipes (task messages to the workers plus result messages back) during this pool.map call?',
        '이 pool.map 호출 동안 두 파이프를 지나는 바이트는 모두 몇 바이트인가요 (워커로 가는 작업 메시지 + 돌아오는 결과 메시지)?',
      )
    : L(
        'How many bytes does the parent write into the task pipe during this pool.map call?',
        '이 pool.map 호출 동안 부모 프로세스가 작업 파이프에 쓰는 바이트는 모두 몇 바이트인가요?',
      );
  return {
    prompt: [{ kind: 'text' as const, text: question }, python(mapCode(s))],
    options: numberOptions(total, run.distractors, BYTES),
    answer: String(total),
    explanation: { summary, views, rule: RULE_POOL },
  };
}

export const pickleBytesV1 = defineGenerator<PickleBytesScenario, PickleBytesAnalysis>({
  id: 'pickle-bytes',
  version: 1,
  domain: 'pool',
  topic: 'pool',
  title: L('How many bytes does pickle send?', 'pickle은 몇 바이트를 보낼까?'),
  tiers: [1, 2, 3],
  generate(rng, tier: Tier) {
    return search<Generated<PickleBytesScenario, PickleBytesAnalysis>>(
      rng,
      (r) => (tier === 1 ? tier1Scenario(r) : callScenario(r, tier)),
      () => {
        const scenario: PickleBytesScenario =
          tier === 1
            ? { tier: 1, protocol: 4, literal: lit.list([lit.str('안녕'), lit.int(300), lit.str('안녕'), lit.float(0.5)]) }
            : { tier, data: { kind: 'range', start: 0, stop: 12 }, work: 'square', processes: 2, ...(tier === 2 ? { chunksize: 5 } : {}) };
        return { scenario, analysis: analyze(scenario) };
      },
    );
  },
  analyze,
  question(s, a) {
    const q = s.tier === 1 ? literalQuestion(s, a as LiteralAnalysis) : mapQuestion(s, a as CallAnalysis);
    return {
      prompt: q.prompt,
      response: { kind: 'choice', options: q.options },
      answer: q.answer,
      explanation: q.explanation,
      assumptions: s.tier === 1 ? [PLATFORM] : [PLATFORM, WIRE_RULE, JOB_RULE],
    };
  },
  program(s) {
    if (s.tier === 1) {
      return { language: 'python', source: `import json\n${literalCode(s)}print("ANSWER " + json.dumps(str(len(data))))\n` };
    }
    const expr = s.tier === 3 ? '_STATS["task_wire"] + _STATS["result_wire"]' : '_STATS["task_wire"]';
    return poolProgram(mapCode(s, [`_answer(str(${expr}))`]));
  },
});

/** Version 2: the same questions with the Korean title and text in 합니다체 (issue 16 §4). */
export const pickleBytesV2 = defineGenerator(inHamnidaGenerator({ ...pickleBytesV1, version: 2 }));

/**
 * Version 3: every tier offers "a pickle is only the opcodes of the value" (`noFrameModel`,
 * issue 12 §2) — in tiers 2–3 as the bytes without each message's PROTO, FRAME and STOP.
 */
export const pickleBytes = defineGenerator(
  inHamnidaGenerator({
    ...pickleBytesV1,
    version: 3,
    generate(rng, tier: Tier) {
      return search<Generated<PickleBytesScenario, PickleBytesAnalysis>>(
        rng,
        (r) => scenarioV3(r, tier),
        () => {
          const scenario: PickleBytesScenario =
            tier === 1
              ? { tier: 1, protocol: 4, literal: lit.list([lit.str('안녕'), lit.int(300), lit.str('안녕'), lit.float(0.5)]) }
              : { tier, data: { kind: 'range', start: 0, stop: 12 }, work: 'square', processes: 2, ...(tier === 2 ? { chunksize: 5 } : {}) };
          return { scenario, analysis: analyzeV3(scenario) };
        },
      );
    },
    analyze: analyzeV3,
  }),
);
