/**
 * "Does this pool call raise, and with what?" — tier 1: what the function is (module-level
 * def, lambda, local def, a generator as the iterable); tier 2: what the arguments are
 * (thread locks, open files, generators, multiprocessing locks, partials); tier 3: results,
 * worker exceptions, evaluation order, decorators and bound methods.
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
  type PoolRun,
  type PyException,
  type PyValue,
  type WorkerOutcome,
} from '@/lib/sim/pool';
import { MemoSlot } from '@/lib/sim/memo';
import { defineLegacyGenerator, type CellText, type Localized, type Misconception, type Option, type TableView, type Tier } from '../types';
import { L, PLATFORM, option, python, search, text } from './common';
import { poolMisconceptions as M } from './misconceptions';
import { poolProgram } from './python-program';

export type RaiseVariant =
  | 'module-def'
  | 'lambda'
  | 'lambda-name'
  | 'local-def'
  | 'generator-iterable'
  | 'thread-lock-arg'
  | 'file-arg'
  | 'generator-arg'
  | 'mp-lock-arg'
  | 'partial-ok'
  | 'partial-lambda'
  | 'returns-generator'
  | 'returns-lock'
  | 'worker-raises'
  | 'lambda-and-lock'
  | 'decorator-nowraps'
  | 'decorator-wraps'
  | 'bound-method-ok'
  | 'bound-method-lock'
  | 'spawn-guarded'
  | 'spawn-toplevel';

const VARIANTS: Readonly<Record<Tier, readonly RaiseVariant[]>> = {
  1: ['module-def', 'lambda', 'lambda-name', 'local-def', 'generator-iterable'],
  2: ['thread-lock-arg', 'file-arg', 'generator-arg', 'mp-lock-arg', 'partial-ok', 'partial-lambda'],
  3: [
    'returns-generator',
    'returns-lock',
    'worker-raises',
    'lambda-and-lock',
    'decorator-nowraps',
    'decorator-wraps',
    'bound-method-ok',
    'bound-method-lock',
    'spawn-guarded',
    'spawn-toplevel',
  ],
};

/** Every variant with its tier (tests run each one). */
export const RAISE_VARIANTS: readonly (readonly [Tier, RaiseVariant])[] = ([1, 2, 3] as const).flatMap((t) => VARIANTS[t].map((v) => [t, v] as const));

export interface PoolRaisesScenario {
  readonly tier: Tier;
  readonly variant: RaiseVariant;
  readonly processes: number;
  /** Size of the data. */
  readonly n: number;
}

// ------------------------------------------------------------------ the model of each variant

interface Model {
  readonly method: 'map' | 'apply_async';
  readonly startMethod?: 'spawn';
  readonly func: PyValue;
  readonly items: readonly PyValue[];
  readonly outcome: (x: PyValue, i: number) => WorkerOutcome;
}

const ok = (value: PyValue): WorkerOutcome => ({ ok: true, value });
function ints(from: number, n: number): PyValue[] {
  const out: PyValue[] = [];
  for (let i = 0; i < n; i++) out.push(pyInt(from + i));
  return out;
}
const doubled = (x: PyValue) => ok(pyInt(x.kind === 'int' ? x.value * 2n : 0n));
const zeroDivision: PyException = { type: 'ZeroDivisionError', qualifiedType: 'ZeroDivisionError', message: 'division by zero' };
const main = (name: string) => pyFunction('__main__', name);

function model(s: PoolRaisesScenario): Model {
  const n = s.n;
  switch (s.variant) {
    case 'module-def':
      return { method: 'map', func: main('work'), items: ints(0, n), outcome: doubled };
    case 'lambda':
    case 'lambda-name':
      return { method: 'map', func: pyLambda(), items: ints(0, n), outcome: doubled };
    case 'local-def':
      return { method: 'map', func: pyLocalFunction('__main__', 'main', 'work'), items: ints(0, n), outcome: doubled };
    case 'generator-iterable':
      // map turns the generator into a list in the parent: only the ints are pickled.
      return { method: 'map', func: main('work'), items: Array.from({ length: n }, (_, i) => pyInt(i * i)), outcome: doubled };
    case 'thread-lock-arg': {
      const lock = pyThreadLock();
      return { method: 'map', func: main('work'), items: ints(0, n).map((x) => pyTuple([lock, x])), outcome: () => ok(pyInt(0)) };
    }
    case 'file-arg':
      return { method: 'apply_async', func: main('work'), items: [pyInt(3), pyTextFile()], outcome: () => ok(pyInt(3)) };
    case 'generator-arg':
      return { method: 'map', func: main('total'), items: ints(1, n).map(() => pyGenerator()), outcome: () => ok(pyInt(0)) };
    case 'mp-lock-arg': {
      const lock = pyProcessLock('Lock');
      return { method: 'map', func: main('work'), items: ints(0, n).map((x) => pyTuple([lock, x])), outcome: () => ok(pyInt(0)) };
    }
    case 'partial-ok':
      return { method: 'map', func: pyPartial(main('scale'), [pyInt(3)]), items: ints(0, n), outcome: (x) => ok(pyInt(x.kind === 'int' ? 3n * x.value : 0n)) };
    case 'partial-lambda':
      return { method: 'map', func: pyPartial(pyLambda(), [pyInt(3)]), items: ints(0, n), outcome: (x) => ok(pyInt(x.kind === 'int' ? 3n * x.value : 0n)) };
    case 'returns-generator':
      return { method: 'map', func: main('squares_upto'), items: ints(1, n), outcome: () => ok(pyGenerator()) };
    case 'returns-lock':
      return { method: 'map', func: main('make_lock'), items: ints(0, n), outcome: () => ok(pyThreadLock()) };
    case 'worker-raises':
      return {
        method: 'map',
        func: main('inverse'),
        items: ints(-Math.floor(n / 2), n),
        outcome: (x) => (x.kind === 'int' && x.value === 0n ? { ok: false, error: zeroDivision } : ok({ kind: 'float', value: 1 / Number(x.kind === 'int' ? x.value : 1n) })),
      };
    case 'lambda-and-lock':
      return { method: 'apply_async', func: pyLambda(), items: [pyTuple([pyThreadLock(), pyInt(1)])], outcome: () => ok(pyInt(1)) };
    case 'decorator-nowraps':
      return { method: 'map', func: pyLocalFunction('__main__', 'logged', 'wrapper'), items: ints(0, n), outcome: doubled };
    case 'decorator-wraps':
      // functools.wraps copies __qualname__ = 'work'; __main__.work is the wrapper itself.
      return { method: 'map', func: main('work'), items: ints(0, n), outcome: doubled };
    case 'bound-method-ok':
      return {
        method: 'map',
        func: pyBoundMethod(pyInstance(pyClass('__main__', 'Scaler'), [['factor', pyInt(3)]]), 'apply'),
        items: ints(0, n),
        outcome: (x) => ok(pyInt(x.kind === 'int' ? 3n * x.value : 0n)),
      };
    case 'spawn-guarded':
      return { method: 'map', startMethod: 'spawn', func: pyFunction('__main__', 'work', 'same', true), items: ints(0, n), outcome: doubled };
    case 'spawn-toplevel':
      return { method: 'map', startMethod: 'spawn', func: main('work'), items: ints(0, n), outcome: doubled };
    case 'bound-method-lock':
      return {
        method: 'map',
        func: pyBoundMethod(pyInstance(pyClass('__main__', 'Counter'), [['lock', pyThreadLock()], ['count', pyInt(0)]]), 'add'),
        items: ints(0, n),
        outcome: doubled,
      };
  }
}

/** The call simulated (sizes only: the questions use its outcome and chunksize), kept on the scenario for the question. */
const runs = new MemoSlot<PoolRaisesScenario, PoolRun>('pool-raises.run');

function run(s: PoolRaisesScenario): PoolRun {
  return runs.of(s, () => {
    const m = model(s);
    return simulatePoolCall({
      method: m.method,
      func: m.func,
      items: m.items,
      processes: s.processes,
      outcome: m.outcome,
      sizeOnly: true,
      ...(m.startMethod ? { startMethod: m.startMethod } : {}),
    });
  });
}

/** The answer option id: 'ok', 'hangs' or the exception's class name. */
function answerOf(r: PoolRun): string {
  return r.outcome.kind === 'ok' ? 'ok' : r.outcome.kind === 'hangs' ? 'hangs' : r.outcome.error.type;
}

const isSpawn = (v: RaiseVariant) => v === 'spawn-guarded' || v === 'spawn-toplevel';
/** Seconds the runnable program waits before calling it a hang (spawned workers start slowly). */
const timeoutOf = (v: RaiseVariant) => (isSpawn(v) ? 15 : 60);

// ------------------------------------------------------------------ code

/** Source lines; `@CALL <expr>` is the call whose outcome is asked, `@PRINT` prints it. */
function template(s: PoolRaisesScenario): { imports: string[]; defs: string[]; main: string[]; inMain: boolean } {
  const n = s.n;
  const P = s.processes;
  const pool = (call: string, before: string[] = []) => [...before, `with Pool(${P}) as pool:`, `    @CALL ${call}`, '@PRINT'];
  const spawnPool = (call: string, before: string[] = []) => [...before, 'ctx = multiprocessing.get_context("spawn")', `with ctx.Pool(${P}) as pool:`, `    @CALL ${call}`, '@PRINT'];
  const work2 = ['def work(x):', '    return x * 2'];
  switch (s.variant) {
    case 'module-def':
      return { imports: [], defs: work2, main: pool(`pool.map(work, range(${n}))`), inMain: true };
    case 'lambda':
      return { imports: [], defs: [], main: pool(`pool.map(lambda x: x * 2, range(${n}))`), inMain: true };
    case 'lambda-name':
      return { imports: [], defs: ['double = lambda x: x * 2'], main: pool(`pool.map(double, range(${n}))`), inMain: true };
    case 'local-def':
      return {
        imports: [],
        defs: ['def main():', '    def work(x):', '        return x * 2', '', ...pool(`pool.map(work, range(${n}))`).map((l) => `    ${l}`)],
        main: ['main()'],
        inMain: false,
      };
    case 'generator-iterable':
      return { imports: [], defs: work2, main: pool(`pool.map(work, (i * i for i in range(${n})))`), inMain: true };
    case 'thread-lock-arg':
      return {
        imports: ['import threading'],
        defs: ['def work(job):', '    lock, x = job', '    with lock:', '        return x * 2'],
        main: pool(`pool.map(work, [(lock, x) for x in range(${n})])`, ['lock = threading.Lock()']),
        inMain: true,
      };
    case 'file-arg':
      return {
        imports: ['import os'],
        defs: ['def work(x, log):', '    print(x, file=log)', '    return x'],
        main: pool('pool.apply_async(work, (3, log)).get()', ['log = open(os.devnull, "w")']),
        inMain: true,
      };
    case 'generator-arg':
      return {
        imports: [],
        defs: ['def total(numbers):', '    return sum(numbers)'],
        main: pool('pool.map(total, streams)', [`streams = [(i * i for i in range(k)) for k in range(1, ${n + 1})]`]),
        inMain: true,
      };
    case 'mp-lock-arg':
      return {
        imports: [],
        defs: ['def work(job):', '    lock, x = job', '    with lock:', '        return x * 2'],
        main: pool(`pool.map(work, [(lock, x) for x in range(${n})])`, ['lock = Lock()']),
        inMain: true,
      };
    case 'partial-ok':
      return {
        imports: ['from functools import partial'],
        defs: ['def scale(factor, x):', '    return factor * x'],
        main: pool(`pool.map(partial(scale, 3), range(${n}))`),
        inMain: true,
      };
    case 'partial-lambda':
      return { imports: ['from functools import partial'], defs: [], main: pool(`pool.map(partial(lambda factor, x: factor * x, 3), range(${n}))`), inMain: true };
    case 'returns-generator':
      return {
        imports: [],
        defs: ['def squares_upto(n):', '    return (i * i for i in range(n))'],
        main: pool(`pool.map(squares_upto, range(1, ${n + 1}))`),
        inMain: true,
      };
    case 'returns-lock':
      return { imports: ['import threading'], defs: ['def make_lock(x):', '    return threading.Lock()'], main: pool(`pool.map(make_lock, range(${n}))`), inMain: true };
    case 'worker-raises':
      return {
        imports: [],
        defs: ['def inverse(x):', '    return 1 / x'],
        main: pool(`pool.map(inverse, range(${-Math.floor(n / 2)}, ${n - Math.floor(n / 2)}))`),
        inMain: true,
      };
    case 'lambda-and-lock':
      return {
        imports: ['import threading'],
        defs: [],
        main: pool('pool.apply_async(lambda job: job[1], ((lock, 1),)).get()', ['lock = threading.Lock()']),
        inMain: true,
      };
    case 'decorator-nowraps':
    case 'decorator-wraps': {
      const wraps = s.variant === 'decorator-wraps';
      return {
        imports: wraps ? ['import functools'] : [],
        defs: [
          'def logged(func):',
          ...(wraps ? ['    @functools.wraps(func)'] : []),
          '    def wrapper(x):',
          '        print("calling", func.__name__)',
          '        return func(x)',
          '    return wrapper',
          '',
          '',
          '@logged',
          ...work2,
        ],
        main: pool(`pool.map(work, range(${n}))`),
        inMain: true,
      };
    }
    case 'spawn-guarded':
      return { imports: ['import multiprocessing'], defs: [], main: spawnPool(`pool.map(work, range(${n}))`, [...work2, '']), inMain: true };
    case 'spawn-toplevel':
      return { imports: ['import multiprocessing'], defs: work2, main: spawnPool(`pool.map(work, range(${n}))`), inMain: true };
    case 'bound-method-ok':
      return {
        imports: [],
        defs: ['class Scaler:', '    def __init__(self, factor):', '        self.factor = factor', '', '    def apply(self, x):', '        return self.factor * x'],
        main: pool(`pool.map(scaler.apply, range(${n}))`, ['scaler = Scaler(3)']),
        inMain: true,
      };
    case 'bound-method-lock':
      return {
        imports: ['import threading'],
        defs: [
          'class Counter:',
          '    def __init__(self):',
          '        self.lock = threading.Lock()',
          '        self.count = 0',
          '',
          '    def add(self, x):',
          '        with self.lock:',
          '            self.count += x',
          '        return x * 2',
        ],
        main: pool(`pool.map(counter.add, range(${n}))`, ['counter = Counter()']),
        inMain: true,
      };
  }
}

function render(s: PoolRaisesScenario, runnable: boolean): string {
  const t = template(s);
  const poolImport = isSpawn(s.variant) ? null : s.variant === 'mp-lock-arg' ? 'from multiprocessing import Lock, Pool' : 'from multiprocessing import Pool';
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
          `${ind}    outcome = "ok"`,
          `${ind}except _mp.TimeoutError:`,
          `${ind}    outcome = "hangs"`,
          `${ind}except Exception as e:`,
          `${ind}    outcome = type(e).__name__`,
        ];
      }
      const p = /^(\s*)@PRINT$/.exec(line);
      if (p) return [`${indent}${p[1] ?? ''}${runnable ? '_answer(outcome)' : 'print(result)'}`];
      return [line === '' ? '' : indent + line];
    });
  return [
    ...(runnable && isSpawn(s.variant) ? ['# lockstep: run-as-file (spawned workers import this file as __mp_main__)'] : []),
    ...t.imports,
    ...(poolImport ? [poolImport] : []),
    '',
    '',
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
const ORDER = ['ok', 'PicklingError', 'AttributeError', 'TypeError', 'RuntimeError', 'MaybeEncodingError', 'ZeroDivisionError', 'hangs'];

/** Distractors per variant: option id → the misconception it stands for. */
function distractors(v: RaiseVariant): Readonly<Record<string, Misconception | undefined>> {
  switch (v) {
    case 'module-def':
      return { PicklingError: M.functionsUnpicklable, AttributeError: undefined, TypeError: undefined };
    case 'lambda':
      return { ok: M.lambdaOk, AttributeError: M.sameTypeError, TypeError: undefined };
    case 'lambda-name':
      return { ok: M.forkInherits, AttributeError: M.sameTypeError, TypeError: undefined };
    case 'local-def':
      return { ok: M.localFunctionOk, PicklingError: M.sameTypeError, TypeError: undefined };
    case 'generator-iterable':
      return { TypeError: M.generatorIterableFails, PicklingError: M.generatorIterableFails, AttributeError: undefined };
    case 'thread-lock-arg':
    case 'generator-arg':
      return { ok: M.argsShared, PicklingError: M.sameTypeError, RuntimeError: undefined };
    case 'file-arg':
      return { ok: M.lockPickles, PicklingError: M.sameTypeError, AttributeError: undefined };
    case 'mp-lock-arg':
      return { ok: M.mpLockArg, TypeError: M.argsShared, PicklingError: M.sameTypeError };
    case 'partial-ok':
      return { PicklingError: M.partialUnpicklable, AttributeError: M.partialUnpicklable, TypeError: undefined };
    case 'partial-lambda':
      return { ok: M.lambdaOk, AttributeError: M.sameTypeError, TypeError: undefined };
    case 'returns-generator':
    case 'returns-lock':
      return { ok: M.resultsNotPickled, TypeError: undefined, hangs: M.workerErrorLost };
    case 'worker-raises':
      return { ok: M.workerErrorLost, hangs: M.workerErrorLost, MaybeEncodingError: undefined };
    case 'lambda-and-lock':
      return { TypeError: M.argsFirst, ok: M.lambdaOk, AttributeError: undefined };
    case 'decorator-nowraps':
      return { ok: M.wrapsIrrelevant, PicklingError: M.sameTypeError, TypeError: undefined };
    case 'decorator-wraps':
      return { AttributeError: M.decoratedUnpicklable, PicklingError: M.decoratedUnpicklable, TypeError: undefined };
    case 'bound-method-ok':
      return { PicklingError: M.methodsUnpicklable, TypeError: M.methodsUnpicklable, AttributeError: undefined };
    case 'bound-method-lock':
      return { ok: M.argsShared, PicklingError: M.sameTypeError, AttributeError: undefined };
    case 'spawn-guarded':
      return { ok: M.spawnCopiesParent, PicklingError: undefined, AttributeError: M.unpickleErrorReachesParent };
    case 'spawn-toplevel':
      return { AttributeError: M.spawnNoMain, hangs: M.spawnNoMain, PicklingError: undefined };
  }
}

function optionsFor(s: PoolRaisesScenario, answer: string): Option[] {
  const d = distractors(s.variant);
  const ids = new Set([answer, ...Object.keys(d)]);
  return ORDER.filter((id) => ids.has(id)).map((id) => option(id, LABELS[id] as Localized, id === answer ? undefined : d[id]));
}

// ------------------------------------------------------------------ explanation

function partsTable(s: PoolRaisesScenario, r: PoolRun): TableView {
  const m = model(s);
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

function summaryOf(s: PoolRaisesScenario, r: PoolRun): Localized[] {
  const out: Localized[] = [];
  const m = model(s);
  const shape =
    m.method === 'apply_async'
      ? L('apply_async sends one task: the tuple (job, 0, func, args, {}).', 'apply_async는 작업 하나, 튜플 (job, 0, func, args, {})를 보냅니다.')
      : L(
          `map sends each chunk as the tuple (job, i, mapstar, ((func, chunk),), {}), pickled by the parent's task-handler thread (chunksize ${r.chunksize}).`,
          `map은 청크마다 튜플 (job, i, mapstar, ((func, chunk),), {})를 보내며, 부모의 작업 핸들러 스레드가 pickle합니다 (chunksize ${r.chunksize}).`,
        );
  out.push(shape);
  if (s.variant === 'generator-iterable') {
    out.push(
      L(
        'A generator has no len(), so map first runs list(iterable) in the parent; only the resulting ints are pickled.',
        '제너레이터에는 len()이 없어서 map이 부모 프로세스에서 먼저 list(iterable)을 실행합니다. pickle되는 것은 그 결과인 int들뿐입니다.',
      ),
    );
  }
  if (r.outcome.kind === 'ok') {
    out.push(
      L(
        'Every part of every task pickles (functions and classes as module + qualified name references), every result pickles, so the call returns normally.',
        '모든 작업의 모든 부분이 pickle되고(함수와 클래스는 모듈 + qualname 참조로), 모든 결과도 pickle되므로 호출은 정상적으로 끝납니다.',
      ),
    );
    if (s.variant === 'spawn-toplevel') {
      out.push(
        L(
          'With spawn each worker re-imports the main script as __mp_main__; work is defined at module level, so the worker finds __main__.work there (only the if __name__ == "__main__": block is skipped).',
          'spawn 방식에서 워커는 메인 스크립트를 __mp_main__으로 다시 import합니다. work는 모듈 수준에서 정의되어 있으므로 워커가 찾을 수 있습니다(건너뛰는 것은 if __name__ == "__main__": 블록뿐).',
        ),
      );
    }
    if (s.variant === 'decorator-wraps') {
      out.push(
        L(
          "functools.wraps copied __qualname__ = 'work' onto the wrapper, and __main__.work is the wrapper itself, so pickle's lookup finds the very object it is pickling.",
          "functools.wraps가 래퍼에 __qualname__ = 'work'를 복사했고 __main__.work가 바로 그 래퍼이므로, pickle의 이름 조회가 pickle하려는 바로 그 객체를 찾습니다.",
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
    if (s.variant === 'lambda-and-lock') {
      out.push(
        L(
          'Both the lambda and the lock are unpicklable; the function comes before the arguments in (job, 0, func, args, {}), so its error is the one raised.',
          '람다와 락 모두 pickle할 수 없지만, (job, 0, func, args, {})에서 함수가 인자보다 앞에 있으므로 함수의 오류가 발생합니다.',
        ),
      );
    }
    if (s.variant === 'lambda-name') {
      out.push(
        L(
          "Assigning the lambda to a name does not rename it: its __qualname__ is still '<lambda>', and __main__ has no attribute called '<lambda>'.",
          "람다를 변수에 대입해도 이름은 바뀌지 않습니다: __qualname__은 여전히 '<lambda>'이고 __main__에는 '<lambda>'라는 속성이 없습니다.",
        ),
      );
    }
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

export const poolRaises = defineLegacyGenerator<PoolRaisesScenario>({
  id: 'pool-raises',
  version: 1,
  domain: 'pool',
  topic: 'pool',
  title: L('Will this pool call raise?', '이 풀 호출은 예외를 낼까?'),
  tiers: [1, 2, 3],
  scenario(rng: Rng, tier) {
    return search(
      rng,
      (r) => {
        const s: PoolRaisesScenario = { tier, variant: r.pick(VARIANTS[tier]), processes: r.int(2, 4), n: r.int(3, 8) };
        const result = run(s);
        // Only scenarios whose raised exception cannot depend on timing.
        if (result.outcome.kind === 'raises' && !result.outcome.certain) return null;
        return optionsFor(s, answerOf(result)).length >= 4 ? s : null;
      },
      () => ({ tier, variant: VARIANTS[tier][0] as RaiseVariant, processes: 2, n: 4 }),
    );
  },
  question(s, ref) {
    const r = run(s);
    const answer = answerOf(r);
    return {
      ref,
      topic: 'pool',
      domain: 'pool',
      title: this.title,
      prompt: [text('What happens when this program runs?', '이 프로그램을 실행하면 어떻게 되나요?'), python(render(s, false))],
      response: { kind: 'choice', options: optionsFor(s, answer) },
      answer,
      explanation: {
        summary: summaryOf(s, r),
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
    return poolProgram(render(s, true));
  },
  tieFree(s) {
    // map raises the first failure to arrive: only scenarios where that cannot be a race.
    const o = run(s).outcome;
    return o.kind !== 'raises' || o.certain;
  },
});

