/** "Put the steps of this flow in order" (native: source → compiler → machine code → loader/CPU; VM: … → bytecode → VM per platform). */
import type { Rng } from '@/lib/sim/rng';
import { FLOWS, FLOWS_V2, JAVA_VERSIONS, PY_VERSIONS, compareFlow, targetId, type FlowKind, type FlowVersions, type Target } from '@/lib/sim/build';
import { inHamnidaGenerator, L, option, search } from '../kit';
import { defineGenerator, type Diagnosis, type Localized, type Misconception, type TableView, type Tier } from '../types';
import { CHECKED_HERE, NO, YES } from './common';
import { flowStepLabel } from './explain';
import { buildMisconceptions as M } from './misconceptions';

export interface OrderFlowScenario {
  readonly flow: FlowKind;
  /** The steps' ids in the order shown (shuffled). */
  readonly shown: readonly string[];
  /** The platform the flow is run for in the explanation. */
  readonly target: Target;
  readonly versions: FlowVersions;
}

type Version = 1 | 2 | 3 | 4 | 5;

const TIER_FLOWS: Record<Tier, readonly FlowKind[]> = {
  1: ['c'],
  2: ['python', 'java', 'wasm'],
  3: ['c-detailed', 'python-detailed', 'java-detailed'],
};

/**
 * Version 5 asks only flows with a .pyc step, so its headline belief (the .pyc is written after
 * the module has run) gives a wrong order in every question: the seed notes' Python flow, the
 * import step by step, and a script importing a module (where the script itself gets no .pyc).
 */
const TIER_FLOWS_V5: Record<Tier, readonly FlowKind[]> = {
  1: ['python'],
  2: ['python-detailed'],
  3: ['python-import'],
};

const TARGETS: readonly Target[] = [
  { os: 'linux', cpu: 'x86_64', abi: 'gnu' },
  { os: 'linux', cpu: 'aarch64', abi: 'gnu' },
  { os: 'windows', cpu: 'x86_64', abi: 'msvc' },
  { os: 'macos', cpu: 'aarch64', abi: 'darwin' },
];

/** A different platform to compare against, so the table can say which steps depend on it. */
function otherTarget(t: Target): Target {
  return t.os === 'macos' ? { os: 'linux', cpu: 'x86_64', abi: 'gnu' } : { os: 'macos', cpu: 'aarch64', abi: 'darwin' };
}

function build(rng: Rng, tier: Tier, version: Version): OrderFlowScenario | null {
  const flow = rng.pick((version >= 5 ? TIER_FLOWS_V5 : TIER_FLOWS)[tier]);
  const ids = FLOWS[flow].map((s) => s.id);
  const shown = rng.shuffle(ids);
  // Not already in order, and not merely reversed.
  if (shown.every((id, i) => id === ids[i]) || shown.every((id, i) => id === ids[ids.length - 1 - i])) return null;
  return { flow, shown, target: rng.pick(TARGETS), versions: { python: rng.pick(PY_VERSIONS.slice(2)), java: rng.pick(JAVA_VERSIONS.slice(1)) } };
}

function fallback(version: Version): OrderFlowScenario {
  const versions: FlowVersions = { python: '3.12', java: 17 };
  if (version >= 5) return { flow: 'python', shown: ['py.vm', 'py.source', 'output', 'py.pyc', 'py.run', 'py.compile'], target: TARGETS[0] as Target, versions };
  return { flow: 'c', shown: ['c.binary', 'c.source', 'output', 'c.run', 'c.compile'], target: TARGETS[0] as Target, versions };
}

const INTRO: Record<FlowKind, Localized> = {
  c: L('The native flow of a C program (hello.c).', 'C 프로그램(hello.c)의 네이티브 흐름.'),
  python: L('The VM flow of a Python program (hello.py).', '파이썬 프로그램(hello.py)의 VM 흐름.'),
  java: L('The VM flow of a Java program (Hello.java).', '자바 프로그램(Hello.java)의 VM 흐름.'),
  wasm: L('The VM flow of a C program compiled to WebAssembly (app.c).', 'WebAssembly로 컴파일한 C 프로그램(app.c)의 VM 흐름.'),
  'c-detailed': L('Building and running hello.c with a C toolchain, step by step.', 'C 툴체인으로 hello.c를 빌드하고 실행하는 과정, 단계별로.'),
  'python-detailed': L('Importing and running hello.py in CPython, step by step.', 'CPython에서 hello.py를 import해 실행하는 과정, 단계별로.'),
  'java-detailed': L('Compiling and running Hello.java on a JVM, step by step.', 'JVM에서 Hello.java를 컴파일해 실행하는 과정, 단계별로.'),
  'python-import': L(
    'Running python3 main.py for the first time (no __pycache__ yet). main.py has three lines: import helper, print("main after import"), helper.greet(). helper.py prints “helper loaded” at its top level and defines greet().',
    'python3 main.py를 처음 실행하는 과정(아직 __pycache__ 없음). main.py는 import helper, print("main after import"), helper.greet() 세 줄이고, helper.py는 최상위에서 “helper loaded”를 출력하고 greet()를 정의합니다.',
  ),
};

/**
 * A belief about when a step happens, and the order it puts the flow's steps in: the step it
 * misplaces moved to where the belief puts it. Only flows with a step the belief is about
 * have one.
 */
export interface OrderBelief {
  readonly misconception: Misconception;
  /** The order the belief gives, from the right one; null where it says nothing about this flow. */
  order(answer: readonly string[]): readonly string[] | null;
}

/** `answer` with `step` taken out and put back before `before` (at the end when `before` is null); null when the flow lacks either. */
function moved(answer: readonly string[], step: string, before: string | null): readonly string[] | null {
  if (!answer.includes(step) || (before !== null && !answer.includes(before))) return null;
  const rest = answer.filter((id) => id !== step);
  const at = before === null ? rest.length : rest.indexOf(before);
  return [...rest.slice(0, at), step, ...rest.slice(at)];
}

/**
 * Version 4's beliefs: the .pyc is written once the program has run (it is written before the
 * code runs); javac verifies the bytecode (the JVM does, when it loads the class); #include is
 * resolved by the linker (the preprocessor runs first). Version 5's import flow adds: an
 * imported module's code runs when it is first used (the import statement runs it).
 */
export const ORDER_BELIEFS: readonly OrderBelief[] = [
  // In the import flow (version 5) the module is helper: its .pyc moved to after helper's code ran.
  { misconception: M.pycAfterRun, order: (a) => moved(a, 'py.pyc', null) ?? moved(a, 'pd.cache', null) ?? moved(a, 'pi.cache', 'pi.next') },
  { misconception: M.javacVerifies, order: (a) => moved(a, 'jd.verify', 'jd.load') },
  { misconception: M.includeIsLinking, order: (a) => moved(a, 'cd.preprocess', 'cd.link') },
  // Version 5's import flow: helper's top level put off until main first uses helper.
  { misconception: M.importRunsLater, order: (a) => moved(a, 'pi.exec', 'pi.call') },
];

/** The wrong orders the beliefs give for a flow (each differs from the right one). */
export function orderDiagnoses(answer: readonly string[]): Diagnosis<readonly string[]>[] {
  return ORDER_BELIEFS.flatMap((b) => {
    const order = b.order(answer);
    return order && order.join() !== answer.join() ? [{ value: order, misconception: b.misconception }] : [];
  });
}

/** Version 5's first explanation line: when the .pyc is written, as tests/oracle/build.test.ts checks it. */
const PYC_BEFORE_RUN: Localized = L(
  'A .pyc is written before any of the module’s code runs: python3 -m py_compile writes it without running the module at all, and on import CPython compiles the source and writes the bytecode to __pycache__ before it executes the code object. A module that looks for its own .pyc while it runs finds it, and one that raises still leaves its .pyc. A script run directly (python3 main.py) is compiled in memory and gets no .pyc.',
  '.pyc는 모듈의 코드가 하나도 실행되기 전에 기록됩니다. python3 -m py_compile은 모듈을 전혀 실행하지 않고 .pyc를 쓰고, import할 때 CPython은 소스를 컴파일해 바이트코드를 __pycache__에 기록한 다음에 코드 객체를 실행합니다. 실행 중에 자기 .pyc를 찾는 모듈은 그것을 찾고, 예외를 내는 모듈도 .pyc를 남깁니다. 직접 실행한 스크립트(python3 main.py)는 메모리에서 컴파일될 뿐 .pyc가 생기지 않습니다.',
);

/**
 * The search only shuffles: it works nothing out to hand on. Version 2 runs the flows of
 * `FLOWS_V2`, where hello.s depends on the OS too (calling convention, directives, symbols);
 * the scenarios and answers are those of version 1.
 */
function orderFlowAt(version: Version) {
  const flows = version === 1 ? FLOWS : FLOWS_V2;
  const g = defineGenerator<OrderFlowScenario, null>({
    id: 'order-flow',
    version,
    domain: 'build',
    topic: 'compile',
    title: L('Put the flow in order', '흐름을 순서대로'),
    tiers: [1, 2, 3],
    generate(rng, tier) {
      return { scenario: search(rng, (r) => build(r, tier, version), () => fallback(version), 300), analysis: null };
    },
    analyze: () => null,
    question(s) {
      const steps = flows[s.flow];
      const items = s.shown.map((id) => option(id, flowStepLabel(id)));
      const answer = steps.map((st) => st.id);
      const diagnoses = version >= 4 ? orderDiagnoses(answer) : [];
      const other = otherTarget(s.target);
      const cmp = compareFlow(steps, [s.target, other], s.versions);
      const table: TableView = {
        kind: 'table',
        caption: L(
          `The flow run on ${targetId(s.target)}, and whether each step would differ on ${targetId(other)}.`,
          `${targetId(s.target)}에서 실행한 흐름과, 각 단계가 ${targetId(other)}에서 달라지는지.`,
        ),
        header: [L('#', '#'), L('Step', '단계'), L(`On ${targetId(s.target)}`, `${targetId(s.target)}에서`), L(`On ${targetId(other)}`, `${targetId(other)}에서`), L('Depends on OS/CPU?', 'OS/CPU에 따라 다름?')],
        rows: cmp.map((c, i) => [String(i + 1), flowStepLabel(c.id), c.outputs[0] ?? '', c.outputs[1] ?? '', c.platformDependent ? YES : NO]),
      };
      const vm = s.flow !== 'c' && s.flow !== 'c-detailed';
      const summary: Localized[] = [
        ...(version >= 5 ? [PYC_BEFORE_RUN] : []),
        vm
          ? L(
              'Source is compiled to bytecode once; the bytecode is the same file everywhere. On each machine a VM built for that OS and CPU executes it, so the CPU only ever runs the VM’s (or its JIT’s) machine code.',
              '소스는 바이트코드로 한 번 컴파일되고, 바이트코드는 어디서나 같은 파일입니다. 각 기기에서는 그 OS와 CPU용으로 빌드된 VM이 그것을 실행하므로, CPU는 언제나 VM(또는 그 JIT)의 기계어만 실행합니다.',
            )
          : L(
              'The compiler turns source into machine code for one OS and CPU; the OS loader then maps that executable into a process and the CPU executes its instructions directly.',
              '컴파일러가 소스를 한 OS와 CPU용 기계어로 바꾸고, OS 로더가 그 실행 파일을 프로세스에 매핑하면 CPU가 그 명령을 직접 실행합니다.',
            ),
      ];
      return {
        prompt: [INTRO[s.flow], L('Put these steps in the order they happen.', '이 단계들을 일어나는 순서대로 나열하시오.')].map((t) => ({ kind: 'text' as const, text: t })),
        response: { kind: 'ordering', items, ...(diagnoses.length > 0 ? { diagnoses } : {}) },
        answer,
        explanation: {
          summary,
          views: [table],
          rule: L(
            'Native: source → compiler (for the target) → machine code → loader + CPU → output. VM: source → bytecode compiler → bytecode → VM for the platform → machine code on the CPU → output.',
            '네이티브: 소스 → (대상용) 컴파일러 → 기계어 → 로더 + CPU → 출력. VM: 소스 → 바이트코드 컴파일러 → 바이트코드 → 플랫폼용 VM → CPU의 기계어 → 출력.',
          ),
        },
        ...(version >= 3 ? { assumptions: [CHECKED_HERE] } : {}),
      };
    },
  });
  return version >= 3 ? inHamnidaGenerator(g) : g;
}

/**
 * Version 5: only flows with a .pyc step (issue 12 §2: the headline belief wrong in ≥ 95 %), so
 * "the .pyc is written after the module has run" diagnoses a wrong order in every question; the
 * new import flow shows that a script run directly gets no .pyc while the module it imports does.
 */
export const orderFlow = orderFlowAt(5);
/** Version 4, kept for stored refs: a wrong order that a belief about when a step happens diagnoses that belief (issue 12 §2). */
export const orderFlowV4 = orderFlowAt(4);
/** Version 3, kept for stored refs: says which facts Lockstep checks with real tools and which it cannot (issue 12 §1), in 합니다체 (issue 16 §4). */
export const orderFlowV3 = orderFlowAt(3);
/** Version 2, kept for stored refs: hello.s shown as depending on the OS (issue 12 §2). */
export const orderFlowV2 = orderFlowAt(2);
/** Version 1, kept for stored refs. */
export const orderFlowV1 = orderFlowAt(1);
