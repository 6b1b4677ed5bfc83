/**
 * "Does this pool call raise, and with what?" — tier 1: what the function is (module-level
 * def, lambda, local def, a generator as the iterable); tier 2: what the arguments are
 * (thread locks, open files, generators, multiprocessing locks, partials); tier 3: results,
 * worker exceptions, evaluation order, decorators and bound methods. Each variant is one
 * entry of `VARIANTS`: its model, its source, its distractors and its own remark. From
 * version 4 every worker function also appends to a module-level `calls` list that the parent
 * prints, so "the workers share the parent's memory" is a wrong answer in every question.
 */
import type { Rng } from '@/lib/sim/rng';
import {
  pickleDumps,
  pyBoundMethod,
  pyClass,
  pyFunction,
  pyGenerator,
  pyInstance,
  pyInt,
  pyLambda,
  pyLocalFunction,
  pyPartial,
  pyProcessLock,
  pyTextFile,
  pyThreadLock,
  pyTuple,
  simulatePoolCall,
  type PoolOutcome,
  type PyException,
  type PyValue,
  type WorkerOutcome,
} from '@/lib/sim/pool';
import { inHamnidaGenerator, josa, L, option, PARTICLE, search, text } from '../kit';
import { defineGenerator, type CellText, type Localized, type Misconception, type Option, type TableView, type Tier } from '../types';
import { PLATFORM, python } from './common';
import { poolMisconceptions as M } from './misconceptions';
import { poolProgram } from './python-program';

/** What the Pool call does: the call the program makes, its function, its items and what the worker's call gives per item. */
interface Model {
  readonly method: 'map' | 'apply_async';
  readonly func: PyValue;
  readonly items: readonly PyValue[];
  readonly outcome: (x: PyValue, i: number) => WorkerOutcome;
}

/** Source lines; `@CALL <expr>` is the call whose outcome is asked, `@PRINT` prints it. */
interface Template {
  readonly imports: readonly string[];
  readonly defs: readonly string[];
  readonly main: readonly string[];
}

interface VariantSpec {
  readonly tier: Tier;
  readonly startMethod?: 'spawn';
  /** The Pool call for data of size `n`. */
  readonly model: (n: number) => Model;
  /** The program for data of size `n` and `Pool(processes)`; with `rec`, the worker function appends to `calls` (version 4). */
  readonly source: (n: number, processes: number, rec: boolean) => Template;
  /** Wrong option id → the misconception it stands for. */
  readonly distractors: Readonly<Record<string, Misconception | undefined>>;
  /** Said before the outcome (what the call does first). */
  readonly setup?: Localized;
  /** Said after the outcome (why this variant ends that way). */
  readonly note?: Localized;
  /**
   * The belief that workers share the parent's memory gives this variant's answer too (the
   * function's own exception, re-raised by map): version 4, whose headline is that belief, does
   * not ask it.
   */
  readonly sharedBeliefRight?: true;
}

const ok = (value: PyValue): WorkerOutcome => ({ ok: true, value });
const ints = (from: number, n: number): PyValue[] => Array.from({ length: n }, (_, i) => pyInt(from + i));
const doubled = (x: PyValue) => ok(pyInt(x.kind === 'int' ? x.value * 2n : 0n));
const tripled = (x: PyValue) => ok(pyInt(x.kind === 'int' ? 3n * x.value : 0n));
const zeroDivision: PyException = { type: 'ZeroDivisionError', qualifiedType: 'ZeroDivisionError', message: 'division by zero' };
const main = (name: string) => pyFunction('__main__', name);

const POOL = 'from multiprocessing import Pool';
const inPool = (processes: number, call: string, before: readonly string[] = []) => [...before, `with Pool(${processes}) as pool:`, `    @CALL ${call}`, '@PRINT'];
const inSpawnPool = (processes: number, call: string, before: readonly string[] = []) => [
  ...before,
  'ctx = multiprocessing.get_context("spawn")',
  `with ctx.Pool(${processes}) as pool:`,
  `    @CALL ${call}`,
  '@PRINT',
];
/** Version 4: the line with which a worker function records its call in the module-level list `calls`. */
const logCall = (rec: boolean, arg: string, indent = '    ') => (rec ? [`${indent}calls.append(${arg})`] : []);
/** Version 4: the same inside a lambda (append returns None, so `or` goes on to the result). */
const logLambda = (rec: boolean, arg: string) => (rec ? `calls.append(${arg}) or ` : '');
const work2 = (rec: boolean) => ['def work(x):', ...logCall(rec, 'x'), '    return x * 2'];
const loggedDefs = (wraps: boolean, rec: boolean) => [
  'def logged(func):',
  ...(wraps ? ['    @functools.wraps(func)'] : []),
  '    def wrapper(x):',
  '        print("calling", func.__name__)',
  '        return func(x)',
  '    return wrapper',
  '',
  '',
  '@logged',
  ...work2(rec),
];

const VARIANTS = {
  // ---------------------------------------------------------------- tier 1: the function
  'module-def': {
    tier: 1,
    model: (n) => ({ method: 'map', func: main('work'), items: ints(0, n), outcome: doubled }),
    source: (n, P, rec) => ({ imports: [POOL], defs: work2(rec), main: inPool(P, `pool.map(work, range(${n}))`) }),
    distractors: { PicklingError: M.functionsUnpicklable, AttributeError: undefined, TypeError: undefined },
  },
  lambda: {
    tier: 1,
    model: (n) => ({ method: 'map', func: pyLambda(), items: ints(0, n), outcome: doubled }),
    source: (n, P, rec) => ({ imports: [POOL], defs: [], main: inPool(P, `pool.map(lambda x: ${logLambda(rec, 'x')}x * 2, range(${n}))`) }),
    distractors: { ok: M.lambdaOk, AttributeError: M.sameTypeError, TypeError: undefined },
  },
  'lambda-name': {
    tier: 1,
    model: (n) => ({ method: 'map', func: pyLambda(), items: ints(0, n), outcome: doubled }),
    source: (n, P, rec) => ({ imports: [POOL], defs: [`double = lambda x: ${logLambda(rec, 'x')}x * 2`], main: inPool(P, `pool.map(double, range(${n}))`) }),
    distractors: { ok: M.forkInherits, AttributeError: M.sameTypeError, TypeError: undefined },
    note: L(
      "Assigning the lambda to a name does not rename it: its __qualname__ is still '<lambda>', and __main__ has no attribute called '<lambda>'.",
      "람다를 변수에 대입해도 이름은 바뀌지 않습니다: __qualname__은 여전히 '<lambda>'이고 __main__에는 '<lambda>'라는 속성이 없습니다.",
    ),
  },
  'local-def': {
    tier: 1,
    model: (n) => ({ method: 'map', func: pyLocalFunction('__main__', 'main', 'work'), items: ints(0, n), outcome: doubled }),
    source: (n, P, rec) => ({
      imports: [POOL],
      defs: ['def main():', ...work2(rec).map((l) => `    ${l}`), '', ...inPool(P, `pool.map(work, range(${n}))`).map((l) => `    ${l}`)],
      main: ['main()'],
    }),
    distractors: { ok: M.localFunctionOk, PicklingError: M.sameTypeError, TypeError: undefined },
  },
  'generator-iterable': {
    tier: 1,
    // map turns the generator into a list in the parent: only the ints are pickled.
    model: (n) => ({ method: 'map', func: main('work'), items: Array.from({ length: n }, (_, i) => pyInt(i * i)), outcome: doubled }),
    source: (n, P, rec) => ({ imports: [POOL], defs: work2(rec), main: inPool(P, `pool.map(work, (i * i for i in range(${n})))`) }),
    distractors: { TypeError: M.generatorIterableFails, PicklingError: M.generatorIterableFails, AttributeError: undefined },
    setup: L(
      'A generator has no len(), so map first runs list(iterable) in the parent; only the resulting ints are pickled.',
      '제너레이터에는 len()이 없어서 map이 부모 프로세스에서 먼저 list(iterable)을 실행합니다. pickle되는 것은 그 결과인 int들뿐입니다.',
    ),
  },
  // ---------------------------------------------------------------- tier 2: the arguments
  'thread-lock-arg': {
    tier: 2,
    model: (n) => {
      const lock = pyThreadLock();
      return { method: 'map', func: main('work'), items: ints(0, n).map((x) => pyTuple([lock, x])), outcome: () => ok(pyInt(0)) };
    },
    source: (n, P, rec) => ({
      imports: ['import threading', POOL],
      defs: ['def work(job):', '    lock, x = job', '    with lock:', ...logCall(rec, 'x', '        '), '        return x * 2'],
      main: inPool(P, `pool.map(work, [(lock, x) for x in range(${n})])`, ['lock = threading.Lock()']),
    }),
    distractors: { ok: M.argsShared, PicklingError: M.sameTypeError, RuntimeError: undefined },
  },
  'file-arg': {
    tier: 2,
    model: () => ({ method: 'apply_async', func: main('work'), items: [pyInt(3), pyTextFile()], outcome: () => ok(pyInt(3)) }),
    source: (_n, P, rec) => ({
      imports: ['import os', POOL],
      defs: ['def work(x, log):', '    print(x, file=log)', ...logCall(rec, 'x'), '    return x'],
      main: inPool(P, 'pool.apply_async(work, (3, log)).get()', ['log = open(os.devnull, "w")']),
    }),
    distractors: { ok: M.lockPickles, PicklingError: M.sameTypeError, AttributeError: undefined },
  },
  'generator-arg': {
    tier: 2,
    model: (n) => ({ method: 'map', func: main('total'), items: ints(1, n).map(() => pyGenerator()), outcome: () => ok(pyInt(0)) }),
    source: (n, P, rec) => ({
      imports: [POOL],
      defs: ['def total(numbers):', ...logCall(rec, 'numbers'), '    return sum(numbers)'],
      main: inPool(P, 'pool.map(total, streams)', [`streams = [(i * i for i in range(k)) for k in range(1, ${n + 1})]`]),
    }),
    distractors: { ok: M.argsShared, PicklingError: M.sameTypeError, RuntimeError: undefined },
  },
  'mp-lock-arg': {
    tier: 2,
    model: (n) => {
      const lock = pyProcessLock('Lock');
      return { method: 'map', func: main('work'), items: ints(0, n).map((x) => pyTuple([lock, x])), outcome: () => ok(pyInt(0)) };
    },
    source: (n, P, rec) => ({
      imports: ['from multiprocessing import Lock, Pool'],
      defs: ['def work(job):', '    lock, x = job', '    with lock:', ...logCall(rec, 'x', '        '), '        return x * 2'],
      main: inPool(P, `pool.map(work, [(lock, x) for x in range(${n})])`, ['lock = Lock()']),
    }),
    distractors: { ok: M.mpLockArg, TypeError: M.argsShared, PicklingError: M.sameTypeError },
  },
  'partial-ok': {
    tier: 2,
    model: (n) => ({ method: 'map', func: pyPartial(main('scale'), [pyInt(3)]), items: ints(0, n), outcome: tripled }),
    source: (n, P, rec) => ({
      imports: ['from functools import partial', POOL],
      defs: ['def scale(factor, x):', ...logCall(rec, 'x'), '    return factor * x'],
      main: inPool(P, `pool.map(partial(scale, 3), range(${n}))`),
    }),
    distractors: { PicklingError: M.partialUnpicklable, AttributeError: M.partialUnpicklable, TypeError: undefined },
  },
  'partial-lambda': {
    tier: 2,
    model: (n) => ({ method: 'map', func: pyPartial(pyLambda(), [pyInt(3)]), items: ints(0, n), outcome: tripled }),
    source: (n, P, rec) => ({
      imports: ['from functools import partial', POOL],
      defs: [],
      main: inPool(P, `pool.map(partial(lambda factor, x: ${logLambda(rec, 'x')}factor * x, 3), range(${n}))`),
    }),
    distractors: { ok: M.lambdaOk, AttributeError: M.sameTypeError, TypeError: undefined },
  },
  // ---------------------------------------------------------------- tier 3: results, order, decorators, methods, spawn
  'returns-generator': {
    tier: 3,
    model: (n) => ({ method: 'map', func: main('squares_upto'), items: ints(1, n), outcome: () => ok(pyGenerator()) }),
    source: (n, P, rec) => ({
      imports: [POOL],
      defs: ['def squares_upto(n):', ...logCall(rec, 'n'), '    return (i * i for i in range(n))'],
      main: inPool(P, `pool.map(squares_upto, range(1, ${n + 1}))`),
    }),
    distractors: { ok: M.resultsNotPickled, TypeError: undefined, hangs: M.workerErrorLost },
  },
  'returns-lock': {
    tier: 3,
    model: (n) => ({ method: 'map', func: main('make_lock'), items: ints(0, n), outcome: () => ok(pyThreadLock()) }),
    source: (n, P, rec) => ({
      imports: ['import threading', POOL],
      defs: ['def make_lock(x):', ...logCall(rec, 'x'), '    return threading.Lock()'],
      main: inPool(P, `pool.map(make_lock, range(${n}))`),
    }),
    distractors: { ok: M.resultsNotPickled, TypeError: undefined, hangs: M.workerErrorLost },
  },
  'worker-raises': {
    tier: 3,
    model: (n) => ({
      method: 'map',
      func: main('inverse'),
      items: ints(-Math.floor(n / 2), n),
      outcome: (x) => (x.kind === 'int' && x.value === 0n ? { ok: false, error: zeroDivision } : ok({ kind: 'float', value: 1 / Number(x.kind === 'int' ? x.value : 1n) })),
    }),
    source: (n, P) => ({
      imports: [POOL],
      defs: ['def inverse(x):', '    return 1 / x'],
      main: inPool(P, `pool.map(inverse, range(${-Math.floor(n / 2)}, ${n - Math.floor(n / 2)}))`),
    }),
    distractors: { ok: M.workerErrorLost, hangs: M.workerErrorLost, MaybeEncodingError: undefined },
    sharedBeliefRight: true,
  },
  'lambda-and-lock': {
    tier: 3,
    model: () => ({ method: 'apply_async', func: pyLambda(), items: [pyTuple([pyThreadLock(), pyInt(1)])], outcome: () => ok(pyInt(1)) }),
    source: (_n, P, rec) => ({
      imports: ['import threading', POOL],
      defs: [],
      main: inPool(P, `pool.apply_async(lambda job: ${logLambda(rec, 'job')}job[1], ((lock, 1),)).get()`, ['lock = threading.Lock()']),
    }),
    distractors: { TypeError: M.argsFirst, ok: M.lambdaOk, AttributeError: undefined },
    note: L(
      'Both the lambda and the lock are unpicklable; the function comes before the arguments in (job, 0, func, args, {}), so its error is the one raised.',
      '람다와 락 모두 pickle할 수 없지만, (job, 0, func, args, {})에서 함수가 인자보다 앞에 있으므로 함수의 오류가 발생합니다.',
    ),
  },
  'decorator-nowraps': {
    tier: 3,
    model: (n) => ({ method: 'map', func: pyLocalFunction('__main__', 'logged', 'wrapper'), items: ints(0, n), outcome: doubled }),
    source: (n, P, rec) => ({ imports: [POOL], defs: loggedDefs(false, rec), main: inPool(P, `pool.map(work, range(${n}))`) }),
    distractors: { ok: M.wrapsIrrelevant, PicklingError: M.sameTypeError, TypeError: undefined },
  },
  'decorator-wraps': {
    tier: 3,
    // functools.wraps copies __qualname__ = 'work'; __main__.work is the wrapper itself.
    model: (n) => ({ method: 'map', func: main('work'), items: ints(0, n), outcome: doubled }),
    source: (n, P, rec) => ({ imports: ['import functools', POOL], defs: loggedDefs(true, rec), main: inPool(P, `pool.map(work, range(${n}))`) }),
    distractors: { AttributeError: M.decoratedUnpicklable, PicklingError: M.decoratedUnpicklable, TypeError: undefined },
    note: L(
      "functools.wraps copied __qualname__ = 'work' onto the wrapper, and __main__.work is the wrapper itself, so pickle's lookup finds the very object it is pickling.",
      "functools.wraps가 래퍼에 __qualname__ = 'work'를 복사했고 __main__.work가 바로 그 래퍼이므로, pickle의 이름 조회가 pickle하려는 바로 그 객체를 찾습니다.",
    ),
  },
  'bound-method-ok': {
    tier: 3,
    model: (n) => ({ method: 'map', func: pyBoundMethod(pyInstance(pyClass('__main__', 'Scaler'), [['factor', pyInt(3)]]), 'apply'), items: ints(0, n), outcome: tripled }),
    source: (n, P, rec) => ({
      imports: [POOL],
      defs: ['class Scaler:', '    def __init__(self, factor):', '        self.factor = factor', '', '    def apply(self, x):', ...logCall(rec, 'x', '        '), '        return self.factor * x'],
      main: inPool(P, `pool.map(scaler.apply, range(${n}))`, ['scaler = Scaler(3)']),
    }),
    distractors: { PicklingError: M.methodsUnpicklable, TypeError: M.methodsUnpicklable, AttributeError: undefined },
  },
  'bound-method-lock': {
    tier: 3,
    model: (n) => ({
      method: 'map',
      func: pyBoundMethod(pyInstance(pyClass('__main__', 'Counter'), [['lock', pyThreadLock()], ['count', pyInt(0)]]), 'add'),
      items: ints(0, n),
      outcome: doubled,
    }),
    source: (n, P, rec) => ({
      imports: ['import threading', POOL],
      defs: [
        'class Counter:',
        '    def __init__(self):',
        '        self.lock = threading.Lock()',
        '        self.count = 0',
        '',
        '    def add(self, x):',
        '        with self.lock:',
        '            self.count += x',
        ...logCall(rec, 'x', '        '),
        '        return x * 2',
      ],
      main: inPool(P, `pool.map(counter.add, range(${n}))`, ['counter = Counter()']),
    }),
    distractors: { ok: M.argsShared, PicklingError: M.sameTypeError, AttributeError: undefined },
  },
  'spawn-guarded': {
    tier: 3,
    startMethod: 'spawn',
    model: (n) => ({ method: 'map', func: pyFunction('__main__', 'work', 'same', true), items: ints(0, n), outcome: doubled }),
    source: (n, P, rec) => ({ imports: ['import multiprocessing'], defs: [], main: inSpawnPool(P, `pool.map(work, range(${n}))`, [...work2(rec), '']) }),
    distractors: { ok: M.spawnCopiesParent, PicklingError: undefined, AttributeError: M.unpickleErrorReachesParent },
  },
  'spawn-toplevel': {
    tier: 3,
    startMethod: 'spawn',
    model: (n) => ({ method: 'map', func: main('work'), items: ints(0, n), outcome: doubled }),
    source: (n, P, rec) => ({ imports: ['import multiprocessing'], defs: work2(rec), main: inSpawnPool(P, `pool.map(work, range(${n}))`) }),
    distractors: { AttributeError: M.spawnNoMain, hangs: M.spawnNoMain, PicklingError: undefined },
    note: L(
      'With spawn each worker re-imports the main script as __mp_main__; work is defined at module level, so the worker finds __main__.work there (only the if __name__ == "__main__": block is skipped).',
      'spawn 방식에서 워커는 메인 스크립트를 __mp_main__으로 다시 import합니다. work는 모듈 수준에서 정의되어 있으므로 워커가 찾을 수 있습니다(건너뛰는 것은 if __name__ == "__main__": 블록뿐).',
    ),
  },
} satisfies Record<string, VariantSpec>;

export type RaiseVariant = keyof typeof VARIANTS;

const spec = (v: RaiseVariant): VariantSpec => VARIANTS[v];

/** Every variant with its tier, in table order (tests run each one). */
export const RAISE_VARIANTS: readonly (readonly [Tier, RaiseVariant])[] = (Object.keys(VARIANTS) as RaiseVariant[]).map((v) => [spec(v).tier, v] as const);

type Version = 1 | 2 | 3 | 4;

/** Version 4 records the worker function's calls in `calls` and asks every variant whose answer the headline belief gets wrong. */
const records = (version: Version) => version >= 4;

/** The variants a version asks at a tier. */
export function variantsOf(tier: Tier, version: Version): RaiseVariant[] {
  return RAISE_VARIANTS.filter(([t, v]) => t === tier && !(records(version) && spec(v).sharedBeliefRight)).map(([, v]) => v);
}

export interface PoolRaisesScenario {
  readonly tier: Tier;
  readonly variant: RaiseVariant;
  readonly processes: number;
  /** Size of the data. */
  readonly n: number;
}

const modelOf = (s: PoolRaisesScenario): Model => spec(s.variant).model(s.n);

/** What the call does (simulated with sizes only): its chunksize and how it ends. */
export interface RaisesAnalysis {
  readonly chunksize: number;
  readonly outcome: PoolOutcome;
}

function analyze(s: PoolRaisesScenario): RaisesAnalysis {
  const m = modelOf(s);
  const startMethod = spec(s.variant).startMethod;
  const run = simulatePoolCall({
    method: m.method,
    func: m.func,
    items: m.items,
    processes: s.processes,
    outcome: m.outcome,
    sizeOnly: true,
    ...(startMethod ? { startMethod } : {}),
  });
  return { chunksize: run.chunksize, outcome: run.outcome };
}

/** The answer option id: 'ok', 'hangs' or the exception's class name. */
function answerOf(o: PoolOutcome): string {
  return o.kind === 'ok' ? 'ok' : o.kind === 'hangs' ? 'hangs' : o.error.type;
}

const isSpawn = (v: RaiseVariant) => spec(v).startMethod === 'spawn';
/** Seconds the runnable program waits before calling it a hang (spawned workers start slowly). */
const timeoutOf = (v: RaiseVariant) => (isSpawn(v) ? 15 : 60);

// ------------------------------------------------------------------ code

/**
 * The program as shown (`runnable` false) or as the oracle runs it: the shown code with the
 * call timed and its outcome printed. With `rec` (version 4) the module starts with `calls = []`,
 * the shown program prints len(calls) after the result, and the runnable one tells "ok" (the
 * parent's list still empty) from "shared" (the workers' appends seen by the parent).
 */
function render(s: PoolRaisesScenario, runnable: boolean, rec: boolean): string {
  const t = spec(s.variant).source(s.n, s.processes, rec);
  const expand = (lines: readonly string[], indent: string): string[] =>
    lines.flatMap((line) => {
      const m = /^(\s*)@CALL (.*)$/.exec(line);
      if (m) {
        const ind = indent + (m[1] ?? '');
        const call = m[2] ?? '';
        if (!runnable) return [`${ind}result = ${call}`];
        // map(...) is map_async(...).get(); a timeout turns a hang into an answer.
        const t = timeoutOf(s.variant);
        const timed = call.replace(/^pool\.map\((.*)\)$/, `pool.map_async($1).get(${t})`).replace(/\.get\(\)$/, `.get(${t})`);
        return [
          `${ind}try:`,
          `${ind}    result = ${timed}`,
          `${ind}    outcome = ${rec ? '"shared" if calls else "ok"' : '"ok"'}`,
          `${ind}except _mp.TimeoutError:`,
          `${ind}    outcome = "hangs"`,
          `${ind}except Exception as e:`,
          `${ind}    outcome = type(e).__name__`,
        ];
      }
      const p = /^(\s*)@PRINT$/.exec(line);
      if (p) return [`${indent}${p[1] ?? ''}${runnable ? '_answer(outcome)' : rec ? 'print(result, len(calls))' : 'print(result)'}`];
      return [line === '' ? '' : indent + line];
    });
  return [
    ...(runnable && isSpawn(s.variant) ? ['# lockstep: run-as-file (spawned workers import this file as __mp_main__)'] : []),
    ...t.imports,
    '',
    '',
    ...(rec ? ['calls = []', '', ''] : []),
    ...(t.defs.length > 0 ? [...expand(t.defs, ''), '', ''] : []),
    'if __name__ == "__main__":',
    ...expand(t.main, '    '),
    '',
  ].join('\n');
}

// ------------------------------------------------------------------ options

const LABELS: Readonly<Record<string, Localized>> = {
  ok: L('It runs and prints the results.', '정상 실행되어 결과를 출력한다.'),
  PicklingError: L('It raises pickle.PicklingError.', 'pickle.PicklingError가 발생한다.'),
  AttributeError: L('It raises AttributeError.', 'AttributeError가 발생한다.'),
  TypeError: L('It raises TypeError.', 'TypeError가 발생한다.'),
  RuntimeError: L('It raises RuntimeError.', 'RuntimeError가 발생한다.'),
  MaybeEncodingError: L('It raises multiprocessing.pool.MaybeEncodingError.', 'multiprocessing.pool.MaybeEncodingError가 발생한다.'),
  ZeroDivisionError: L('It raises ZeroDivisionError.', 'ZeroDivisionError가 발생한다.'),
  hangs: L('It never finishes: the call hangs.', '끝나지 않는다: 호출이 멈춘 채 기다린다.'),
};
const ORDER = ['ok', 'shared', 'PicklingError', 'AttributeError', 'TypeError', 'RuntimeError', 'MaybeEncodingError', 'ZeroDivisionError', 'hangs'];

/**
 * What "a pool's workers share the parent's memory" predicts (version 4's headline belief): no
 * pickling at all, so the call runs, and every call of the worker function appends to the one
 * `calls` list the parent prints — one call per item for map, one for apply_async. The truth is
 * never this: the workers are processes, each appending to its own copy of `calls`.
 */
export function sharedMemoryModel(s: Pick<PoolRaisesScenario, 'variant' | 'n'>): { readonly answer: 'shared'; readonly calls: number } {
  const m = spec(s.variant).model(s.n);
  return { answer: 'shared', calls: m.method === 'apply_async' ? 1 : m.items.length };
}

/** Version 4's labels for a run: what the parent's len(calls) then prints. */
function runLabels(s: PoolRaisesScenario): Readonly<Record<'ok' | 'shared', Localized>> {
  const { calls } = sharedMemoryModel(s);
  return {
    ok: L(
      "It runs: it prints what the call returned, then 0 — the parent's calls list is still empty.",
      '정상 실행되어 호출이 반환한 값을 출력하고, 이어서 0을 출력한다. 부모 프로세스의 calls 리스트는 여전히 비어 있다.',
    ),
    shared: L(
      `It runs: it prints what the call returned, then ${calls} — the parent's calls list holds every call the workers made.`,
      `정상 실행되어 호출이 반환한 값을 출력하고, 이어서 ${josa(calls, PARTICLE.eul)} 출력한다. 부모 프로세스의 calls 리스트에 워커들이 한 호출이 모두 들어 있다.`,
    ),
  };
}

/**
 * What each belief tagged here predicts the call does (option ids): its model. A belief that
 * something can be sent, or that nothing needs pickling, predicts the call runs; one that
 * something cannot be pickled at all, without saying how, predicts one of the pickling errors.
 */
const PICKLING_ERRORS = ['PicklingError', 'AttributeError', 'TypeError'] as const;
export const RAISES_BELIEFS: Readonly<Record<string, readonly string[]>> = {
  [M.lambdaOk.id]: ['ok'],
  [M.forkInherits.id]: ['ok'],
  [M.localFunctionOk.id]: ['ok'],
  [M.argsShared.id]: ['ok'],
  [M.lockPickles.id]: ['ok'],
  [M.mpLockArg.id]: ['ok'],
  [M.resultsNotPickled.id]: ['ok'],
  [M.wrapsIrrelevant.id]: ['ok'],
  [M.spawnCopiesParent.id]: ['ok'],
  [M.functionsUnpicklable.id]: PICKLING_ERRORS,
  [M.partialUnpicklable.id]: PICKLING_ERRORS,
  [M.methodsUnpicklable.id]: PICKLING_ERRORS,
  [M.decoratedUnpicklable.id]: PICKLING_ERRORS,
  [M.generatorIterableFails.id]: PICKLING_ERRORS,
  [M.sameTypeError.id]: ['PicklingError'],
  [M.lambdaIsLocal.id]: ['AttributeError'],
  [M.mpLockLikeThreadLock.id]: ['TypeError'],
  // The arguments (a lock) are pickled first, so their TypeError comes first.
  [M.argsFirst.id]: ['TypeError'],
  // The worker's error goes missing: the call returns as if nothing happened, or never returns.
  [M.workerErrorLost.id]: ['ok', 'hangs'],
  // The worker's AttributeError while unpickling the function reaches the parent.
  [M.unpickleErrorReachesParent.id]: ['AttributeError'],
  // The spawned worker cannot find the function: an AttributeError comes back, or the call waits forever.
  [M.spawnNoMain.id]: ['AttributeError', 'hangs'],
  // Version 4: nothing is pickled and the workers append to the parent's own list (`sharedMemoryModel`).
  [M.workersShareMemory.id]: ['shared'],
};

/** Version 3: the multiprocessing lock's TypeError option carried "arguments are shared", a belief that predicts the call runs. */
const V3_TAGS: Partial<Record<RaiseVariant, Readonly<Record<string, Misconception>>>> = {
  'mp-lock-arg': { TypeError: M.mpLockLikeThreadLock },
};

/**
 * The options, each wrong one tagged with the belief that picks it. Version 1 tagged
 * AttributeError with "every pickling failure is a PicklingError" even where the answer is
 * PicklingError — the belief that picks the right answer (issue 12 §2). Version 2 tags it with
 * the belief that really leads there: a lambda fails like a local function. Version 3 also
 * retags what `V3_TAGS` lists, so every tag is one its belief's model (`RAISES_BELIEFS`) allows.
 * Version 4 adds "shared", what the headline belief (workers share the parent's memory)
 * predicts, to every question, and says what len(calls) prints in both runs.
 */
function optionsFor(s: PoolRaisesScenario, answer: string, version: Version): Option[] {
  const d: Readonly<Record<string, Misconception | undefined>> = records(version) ? { ...spec(s.variant).distractors, shared: M.workersShareMemory } : spec(s.variant).distractors;
  const labels: Readonly<Record<string, Localized>> = records(version) ? { ...LABELS, ...runLabels(s) } : LABELS;
  const ids = new Set([answer, ...Object.keys(d)]);
  const tag = (id: string): Misconception | undefined => {
    const m = version >= 3 ? (V3_TAGS[s.variant]?.[id] ?? d[id]) : d[id];
    return version >= 2 && m === M.sameTypeError && answer === 'PicklingError' ? M.lambdaIsLocal : m;
  };
  return ORDER.filter((id) => ids.has(id)).map((id) => option(id, labels[id] as Localized, id === answer ? undefined : tag(id)));
}

// ------------------------------------------------------------------ explanation

function partsTable(s: PoolRaisesScenario, r: RaisesAnalysis): TableView {
  const m = modelOf(s);
  const first = m.method === 'apply_async' ? m.items : m.items.slice(0, Math.max(1, r.chunksize));
  const cell = (v: PyValue): CellText => {
    const p = pickleDumps(v, 4, { sizeOnly: true });
    return p.ok ? L(`pickles (${p.size} bytes)`, `pickle됨 (${p.size}바이트)`) : `${p.error.qualifiedType}: ${p.error.message}`;
  };
  const rows: (readonly CellText[])[] =
    m.method === 'apply_async'
      ? [
          ['job, i', L('two ints', 'int 두 개'), L('pickles', 'pickle됨')],
          ['func', L('the function', '함수'), cell(m.func)],
          ['args', L('the argument tuple', '인자 튜플'), cell(pyTuple(m.items))],
          ['kwds', '{}', L('pickles', 'pickle됨')],
        ]
      : [
          ['job, i', L('two ints', 'int 두 개'), L('pickles', 'pickle됨')],
          ['mapstar', 'multiprocessing.pool.mapstar', cell(pyFunction('multiprocessing.pool', 'mapstar'))],
          ['func', L('the function passed to map', 'map에 넘긴 함수'), cell(m.func)],
          ['chunk', L(`the first chunk (${first.length} item${first.length === 1 ? '' : 's'})`, `첫 청크 (${first.length}개 항목)`), cell(pyTuple(first))],
          ['kwds', '{}', L('pickles', 'pickle됨')],
        ];
  return {
    kind: 'table',
    caption: L('The first task message, part by part (pickled left to right)', '첫 작업 메시지의 각 부분 (왼쪽부터 pickle)'),
    header: [L('part', '부분'), L('what', '내용'), L('pickle.dumps', 'pickle.dumps')],
    rows,
  };
}

function summaryOf(s: PoolRaisesScenario, r: RaisesAnalysis, version: Version): Localized[] {
  const out: Localized[] = [];
  const { setup, note } = spec(s.variant);
  const m = modelOf(s);
  const shape =
    m.method === 'apply_async'
      ? L('apply_async sends one task: the tuple (job, 0, func, args, {}).', 'apply_async는 작업 하나, 튜플 (job, 0, func, args, {})를 보냅니다.')
      : L(
          `map sends each chunk as the tuple (job, i, mapstar, ((func, chunk),), {}), pickled by the parent's task-handler thread (chunksize ${r.chunksize}).`,
          `map은 청크마다 튜플 (job, i, mapstar, ((func, chunk),), {})를 보내며, 부모의 작업 핸들러 스레드가 pickle합니다 (chunksize ${r.chunksize}).`,
        );
  out.push(shape);
  if (setup) out.push(setup);
  if (r.outcome.kind === 'ok') {
    out.push(
      L(
        'Every part of every task pickles (functions and classes as module + qualified name references), every result pickles, so the call returns normally.',
        '모든 작업의 모든 부분이 pickle되고(함수와 클래스는 모듈 + qualname 참조로), 모든 결과도 pickle되므로 호출은 정상적으로 끝납니다.',
      ),
    );
    if (note) out.push(note);
    if (records(version)) {
      const { calls } = sharedMemoryModel(s);
      out.push(
        L(
          `Each worker is a separate process with its own copy of the module's globals: its calls.append(...) changed that copy. The parent's calls is still empty, so len(calls) prints 0 — not ${calls}, which threads sharing one list would give.`,
          `각 워커는 모듈 전역 변수의 복사본을 따로 가진 별개의 프로세스이므로, 워커의 calls.append(...)는 그 복사본을 바꿨습니다. 부모 프로세스의 calls는 여전히 비어 있어서 len(calls)는 0을 출력합니다. 리스트 하나를 공유하는 스레드였다면 ${josa(calls, PARTICLE.i)} 되었을 것입니다.`,
        ),
      );
    }
    return out;
  }
  const e = r.outcome.error;
  const msg = `${e.qualifiedType}: ${e.message}`;
  if (r.outcome.kind === 'hangs') {
    out.push(
      L(
        `The parent pickles the task fine ('work' is a global of __main__ there). But a spawned worker is a fresh interpreter: it re-imports the main script as __mp_main__, skipping the if __name__ == "__main__": block where work was defined, so unpickling the task raises ${msg} inside the worker's get().`,
        `부모에서는 작업이 잘 pickle됩니다('work'는 그곳 __main__의 전역 이름). 하지만 spawn된 워커는 새 인터프리터로 메인 스크립트를 __mp_main__으로 다시 import하면서 work를 정의한 if __name__ == "__main__": 블록을 건너뛰므로, 워커의 get()에서 작업을 unpickle할 때 ${msg}가 납니다.`,
      ),
    );
    out.push(
      L(
        'That call is outside the try that reports errors: the worker process dies (its traceback goes to stderr), the pool starts a replacement, the task is lost, and map waits for it forever.',
        '그 호출은 오류를 보고하는 try 밖에 있습니다: 워커 프로세스는 죽고(traceback은 stderr로), 풀은 새 워커를 띄우며, 작업은 사라지고 map은 그 결과를 영원히 기다립니다.',
      ),
    );
    return out;
  }
  if (r.outcome.where === 'task-pickle') {
    out.push(
      L(
        `Pickling task ${r.outcome.task} fails with ${msg}. The task handler does not send it; it stores (False, exception) as that task's result, and the call re-raises it in the parent.`,
        `작업 ${r.outcome.task}을 pickle하다가 ${msg}가 납니다. 작업 핸들러는 그 작업을 보내지 않고 (False, 예외)를 그 작업의 결과로 저장하며, 호출이 부모 프로세스에서 그 예외를 다시 던집니다.`,
      ),
    );
    if (note) out.push(note);
  } else if (r.outcome.where === 'worker') {
    out.push(
      L(
        `The task pickles, but in the worker the function raises ${msg} for one item. The worker sends (False, exception) back through the result pipe and map re-raises it in the parent.`,
        `작업은 pickle되지만 워커에서 함수가 한 항목에 대해 ${msg}를 냅니다. 워커는 (False, 예외)를 결과 파이프로 돌려보내고 map이 부모에서 다시 던집니다.`,
      ),
    );
  } else {
    out.push(
      L(
        `The tasks pickle and the function runs, but its result cannot be pickled in the worker. The worker catches that and sends (False, ${msg}) instead.`,
        `작업은 pickle되고 함수도 실행되지만, 그 결과를 워커에서 pickle할 수 없습니다. 워커가 이를 잡아 대신 (False, ${msg})를 보냅니다.`,
      ),
    );
  }
  return out;
}

function poolRaisesAt(version: Version) {
  const g = defineGenerator<PoolRaisesScenario, RaisesAnalysis>({
    id: 'pool-raises',
    version,
    domain: 'pool',
    topic: 'pool',
    title: L('Will this pool call raise?', '이 풀 호출은 예외를 낼까?'),
    tiers: [1, 2, 3],
    generate(rng: Rng, tier) {
      return search<{ scenario: PoolRaisesScenario; analysis: RaisesAnalysis }>(
        rng,
        (r) => {
          const scenario: PoolRaisesScenario = { tier, variant: r.pick(variantsOf(tier, version)), processes: r.int(2, 4), n: r.int(3, 8) };
          const analysis = analyze(scenario);
          // Only scenarios whose raised exception cannot depend on timing.
          if (analysis.outcome.kind === 'raises' && !analysis.outcome.certain) return null;
          return optionsFor(scenario, answerOf(analysis.outcome), version).length >= 4 ? { scenario, analysis } : null;
        },
        () => {
          const scenario: PoolRaisesScenario = { tier, variant: variantsOf(tier, version)[0] as RaiseVariant, processes: 2, n: 4 };
          return { scenario, analysis: analyze(scenario) };
        },
      );
    },
    analyze,
    question(s, r) {
      const answer = answerOf(r.outcome);
      return {
        prompt: [text('What happens when this program runs?', '이 프로그램을 실행하면 어떻게 되나요?'), python(render(s, false, records(version)))],
        response: { kind: 'choice', options: optionsFor(s, answer, version) },
        answer,
        explanation: {
          summary: summaryOf(s, r, version),
          views: [partsTable(s, r)],
          rule: L(
            "CPython 3.11: pickle writes a function or class as a reference (module, __qualname__) and checks that getattr(module, qualname) is that very object — a qualname containing <locals> raises AttributeError (Can't pickle local object), a failed lookup (a lambda's '<lambda>') raises PicklingError. Objects with no pickling support raise TypeError (cannot pickle '…' object); multiprocessing locks raise RuntimeError unless inherited at process start. Pool pickles every task in the parent and every result in the worker; failures come back as (False, exception) and are raised by map/get().",
            "CPython 3.11: pickle은 함수와 클래스를 참조(모듈, __qualname__)로 쓰고 getattr(모듈, qualname)이 바로 그 객체인지 확인합니다. qualname에 <locals>가 있으면 AttributeError(Can't pickle local object), 조회 실패(람다의 '<lambda>')면 PicklingError입니다. pickle 지원이 없는 객체는 TypeError(cannot pickle '…' object), multiprocessing 락은 프로세스 시작 때 상속하는 경우가 아니면 RuntimeError입니다. Pool은 모든 작업을 부모에서, 모든 결과를 워커에서 pickle하며, 실패는 (False, 예외)로 돌아와 map/get()이 다시 던집니다.",
          ),
        },
        assumptions: [PLATFORM],
      };
    },
    program(s) {
      return poolProgram(render(s, true, records(version)));
    },
    tieFree(s) {
      // map raises the first failure to arrive: only scenarios where that cannot be a race.
      const o = analyze(s).outcome;
      return o.kind !== 'raises' || o.certain;
    },
  });
  return version >= 2 ? inHamnidaGenerator(g) : g;
}

/**
 * Version 4: every worker function appends to a module-level `calls` list and the program
 * prints len(calls), so "the workers share the parent's memory, like threads" — which predicts
 * the call runs and the parent sees every append — is a wrong option in every question
 * (issue 12 §2: headline belief wrong in ≥ 95 %); the one variant where that belief gives the
 * answer (the worker's own ZeroDivisionError) is not asked.
 */
export const poolRaises = poolRaisesAt(4);
/** Version 3, kept for stored refs: the multiprocessing lock's TypeError option carries the belief that picks it (a multiprocessing lock fails like a threading lock). */
export const poolRaisesV3 = poolRaisesAt(3);
/** Version 2: a lambda's AttributeError option carries the belief that picks it (issue 12 §2); its Korean in 합니다체 (issue 16 §4). */
export const poolRaisesV2 = poolRaisesAt(2);
/** Version 1, kept for stored refs. */
export const poolRaisesV1 = poolRaisesAt(1);
