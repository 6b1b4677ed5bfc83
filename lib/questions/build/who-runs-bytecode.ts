/**
 * "What executes these instructions?" on a generated function and the bytecode CPython 3.11
 * really compiles it to (`dis`): the interpreter loop, not machine code made for the function
 * (the notes' slip "the VM emits machine code"). Tiers 2–3 call the function many times
 * first: the adaptive interpreter has then rewritten instructions in place (specialized
 * bytecode), still with no machine code generated.
 */
import type { Rng } from '@/lib/sim/rng';
import { compileStraight, straightFunctionCode, type BinOp, type FnExpr, type Instruction, type StraightFunction } from '@/lib/sim/build';
import { L, option, search, text } from '../kit';
import { defineGenerator, type Localized, type Option, type TableView, type Tier } from '../types';
import { buildMisconceptions as M } from './misconceptions';

export interface WhoRunsBytecodeScenario {
  readonly fn: StraightFunction;
  /** Calls made before the question's moment (0: none; tiers 2–3 warm the function up). */
  readonly warmCalls: number;
  /** The int arguments of those calls. */
  readonly args: readonly number[];
}

export interface WhoRunsBytecodeAnalysis {
  readonly instructions: readonly Instruction[];
  readonly answer: 'interpreter' | 'specialized';
}

/** Calls after which CPython 3.11 has quickened a function (its warm-up is a handful of calls). */
export const WARM_CALLS = 1000;

function analyze(s: WhoRunsBytecodeScenario): WhoRunsBytecodeAnalysis {
  return { instructions: compileStraight(s.fn).instructions, answer: s.warmCalls > 0 ? 'specialized' : 'interpreter' };
}

const OPS: readonly BinOp[] = ['+', '-', '*'];
const LOCALS = ['t', 'u', 'v'];

function operand(rng: Rng, names: readonly string[], allowConst: boolean): FnExpr {
  return allowConst && rng.bool(0.35) ? { kind: 'const', value: rng.int(2, 9) } : { kind: 'name', name: rng.pick(names) };
}

/** `a op b` over known names and small constants, never constant-only; at tier 3 sometimes one level deeper. */
function expr(rng: Rng, names: readonly string[], tier: Tier): FnExpr {
  const left = tier === 3 && rng.bool(0.4) ? expr(rng, names, 1) : operand(rng, names, true);
  const right = operand(rng, names, left.kind !== 'const');
  return { kind: 'bin', op: rng.pick(OPS), left, right };
}

function build(rng: Rng, tier: Tier): WhoRunsBytecodeScenario | null {
  const params = rng.bool(0.5) ? ['x', 'y'] : ['a', 'b'];
  const names = [...params];
  const assigns: { local: string; value: FnExpr }[] = [];
  const lines = tier === 1 ? rng.int(1, 2) : rng.int(1, 3);
  for (let i = 0; i < lines; i++) {
    const local = LOCALS[i] as string;
    assigns.push({ local, value: expr(rng, names, tier) });
    names.push(local);
  }
  const fn: StraightFunction = { name: rng.pick(['f', 'area', 'step', 'score']), params, assigns, returns: expr(rng, names.slice(params.length), tier) };
  // Every local is read again after its store (no dead assignments).
  const reads = JSON.stringify([...assigns.slice(1).map((a) => a.value), fn.returns]);
  if (assigns.some((a) => !reads.includes(`"name":"${a.local}"`))) return null;
  return { fn, warmCalls: tier === 1 ? 0 : WARM_CALLS, args: [rng.int(2, 9), rng.int(2, 9)] };
}

function fallback(tier: Tier): WhoRunsBytecodeScenario {
  const x: FnExpr = { kind: 'name', name: 'x' };
  const fn: StraightFunction = {
    name: 'f',
    params: ['x', 'y'],
    assigns: [{ local: 't', value: { kind: 'bin', op: '*', left: x, right: { kind: 'const', value: 3 } } }],
    returns: { kind: 'bin', op: '-', left: { kind: 'name', name: 't' }, right: { kind: 'name', name: 'y' } },
  };
  return { fn, warmCalls: tier === 1 ? 0 : WARM_CALLS, args: [2, 5] };
}

/** The program as shown: the function, its `dis` listing, and (tiers 2–3) the warm-up calls. */
export function whoRunsCode(s: WhoRunsBytecodeScenario): string {
  const call = `${s.fn.name}(${s.args.join(', ')})`;
  const lines = ['import dis', '', '', straightFunctionCode(s.fn), '', '', `dis.dis(${s.fn.name})`];
  if (s.warmCalls > 0) lines.push('', `for _ in range(${s.warmCalls}):`, `    ${call}`, '', `dis.dis(${s.fn.name}, adaptive=True)`);
  return `${lines.join('\n')}\n`;
}

function listingTable(instructions: readonly Instruction[]): TableView {
  return {
    kind: 'table',
    caption: L('The first dis.dis listing under CPython 3.11: offset, instruction, argument', 'CPython 3.11의 첫 번째 dis.dis 출력: 오프셋, 명령, 인자'),
    header: [L('Offset', '오프셋'), L('Instruction', '명령'), L('Argument', '인자')],
    rows: instructions.map((i) => [String(i.offset), i.opname, i.argrepr]),
  };
}

function options(warm: boolean): Option[] {
  const interpreter = warm
    ? option(
        'interpreter',
        L(
          "CPython's interpreter loop runs exactly the instructions listed first, unchanged by the calls; no machine code is made for the function",
          'CPython의 인터프리터 루프가 처음 출력된 명령을 호출 뒤에도 바뀌지 않은 그대로 실행합니다. 이 함수를 위한 기계어는 만들어지지 않습니다',
        ),
        M.bytecodeFixed,
      )
    : option(
        'interpreter',
        L(
          "CPython's interpreter loop (ceval.c, compiled to machine code when python3 was built) reads each instruction and runs the C code for it; no machine code is made for the function",
          'CPython의 인터프리터 루프(ceval.c, python3를 빌드할 때 기계어로 컴파일됨)가 명령을 하나씩 읽어 해당 C 코드를 실행합니다. 이 함수를 위한 기계어는 만들어지지 않습니다',
        ),
      );
  const specialized = option(
    'specialized',
    L(
      'The same interpreter loop, but it has rewritten some instructions in place into specialized forms for the types it saw (e.g. BINARY_OP_ADD_INT); still no machine code is made for the function',
      '같은 인터프리터 루프이지만, 본 타입에 맞춰 일부 명령을 그 자리에서 특수화된 형태(예: BINARY_OP_ADD_INT)로 바꿔 썼습니다. 이 함수를 위한 기계어는 여전히 만들어지지 않습니다',
    ),
  );
  const jit = option(
    'jit',
    warm
      ? L('The VM has compiled the hot function to x86-64 / arm64 machine code (a JIT), and the CPU now runs that machine code', 'VM이 자주 도는 이 함수를 x86-64 / arm64 기계어로 컴파일했고(JIT), 이제 CPU가 그 기계어를 실행합니다')
      : L('The VM compiles these instructions to machine code, and the CPU runs that machine code', 'VM이 이 명령들을 기계어로 컴파일하고, CPU가 그 기계어를 실행합니다'),
    M.vmEmitsMachineCode,
  );
  const cpu = option('cpu', L('The CPU executes these instructions directly: bytecode is its instruction set', 'CPU가 이 명령들을 직접 실행합니다. 바이트코드가 CPU의 명령어 집합입니다'), M.bytecodeIsMachineCode);
  const pyc = option('pyc', L('The machine code written into the .pyc file when the module was compiled', '모듈을 컴파일할 때 .pyc 파일에 기록된 기계어'), M.pycIsNative);
  return warm ? [interpreter, specialized, jit, cpu] : [interpreter, jit, cpu, pyc];
}

const RULE = L(
  'CPython compiles source to bytecode (what `dis` lists; cached in .pyc files) and runs it in its interpreter loop, a C function compiled to machine code once, when python3 itself was built. CPython 3.11 has no JIT: no machine code is ever generated for your functions. Its adaptive interpreter (PEP 659) rewrites instructions in place into specialized bytecode for the types it sees, which `dis.dis(f, adaptive=True)` shows. (CPython 3.13 added an experimental JIT, off unless python3 is built with it; JVMs and V8 do compile hot code to machine code.)',
  'CPython은 소스를 바이트코드(`dis`가 보여 주는 것, .pyc에 캐시됨)로 컴파일하고 인터프리터 루프에서 실행합니다. 인터프리터 루프는 python3 자체를 빌드할 때 한 번 기계어로 컴파일된 C 함수입니다. CPython 3.11에는 JIT이 없어 여러분의 함수를 위한 기계어는 만들어지지 않습니다. 적응형 인터프리터(PEP 659)는 본 타입에 맞춰 명령을 그 자리에서 특수화된 바이트코드로 바꿔 쓰며, `dis.dis(f, adaptive=True)`로 볼 수 있습니다. (CPython 3.13에는 실험적 JIT이 추가되었지만 그렇게 빌드하지 않으면 꺼져 있습니다. JVM과 V8은 자주 도는 코드를 기계어로 컴파일합니다.)',
);

export const whoRunsBytecode = defineGenerator<WhoRunsBytecodeScenario, WhoRunsBytecodeAnalysis>({
  id: 'who-runs-bytecode',
  version: 1,
  domain: 'build',
  topic: 'compile',
  title: L('Who runs the bytecode?', '바이트코드는 누가 실행합니까?'),
  tiers: [1, 2, 3],
  generate(rng, tier) {
    const scenario = search(rng, (r) => build(r, tier), () => fallback(tier), 300);
    return { scenario, analysis: analyze(scenario) };
  },
  analyze,
  question(s, a) {
    const warm = s.warmCalls > 0;
    const call = `${s.fn.name}(${s.args.join(', ')})`;
    const listing = listingTable(a.instructions);
    const ask: Localized = warm
      ? L(
          `The program calls ${call} ${s.warmCalls} times, then lists the bytecode again with adaptive=True. While those calls run, and afterwards, what executes ${s.fn.name}'s instructions?`,
          `프로그램은 ${call} 호출을 ${s.warmCalls}번 한 뒤 adaptive=True로 바이트코드를 다시 출력합니다. 그 호출들이 도는 동안과 그 뒤에 ${s.fn.name}의 명령을 실행하는 것은 무엇입니까?`,
        )
      : L(`When ${call} is called, what executes these instructions?`, `${call} 호출 시 이 명령들을 실행하는 것은 무엇입니까?`);
    return {
      prompt: [
        text(
          `CPython 3.11 runs this program. Its first dis.dis(${s.fn.name}) prints the bytecode below.`,
          `CPython 3.11이 이 프로그램을 실행합니다. 첫 번째 dis.dis(${s.fn.name})는 아래 바이트코드를 출력합니다.`,
        ),
        { kind: 'code', language: 'python', code: whoRunsCode(s) },
        { kind: 'table', caption: listing.caption, header: listing.header, rows: listing.rows },
        { kind: 'text', text: ask },
      ],
      response: { kind: 'choice', options: options(warm) },
      answer: a.answer,
      explanation: {
        summary: [
          L(
            `${s.fn.name} is ${a.instructions.length} bytecode instructions. CPython's interpreter loop fetches each one, dispatches on its opcode and runs the C code for it (BINARY_OP calls the int type's addition, subtraction or multiplication in C).`,
            `${s.fn.name} 함수는 바이트코드 명령 ${a.instructions.length}개입니다. CPython의 인터프리터 루프가 명령을 하나씩 가져와 opcode에 따라 분기하고 해당 C 코드를 실행합니다(BINARY_OP는 int 타입의 덧셈·뺄셈·곱셈 C 코드를 호출합니다).`,
          ),
          warm
            ? L(
                `After the ${s.warmCalls} calls the adaptive interpreter has specialized the instructions for ints (e.g. BINARY_OP_ADD_INT, LOAD_FAST__LOAD_FAST in the second listing): still bytecode, still interpreted.`,
                `${s.warmCalls}번 호출한 뒤 적응형 인터프리터가 명령을 int에 맞게 특수화했습니다(두 번째 출력의 BINARY_OP_ADD_INT, LOAD_FAST__LOAD_FAST 등). 여전히 바이트코드이고, 여전히 인터프리터가 실행합니다.`,
              )
            : L('No machine code is generated for the function: the machine code running is the interpreter\'s own.', '이 함수를 위한 기계어는 만들어지지 않습니다. 실행되는 기계어는 인터프리터 자신의 것입니다.'),
        ],
        views: [listing],
        rule: RULE,
      },
      assumptions: [L('CPython 3.11 (python3 as Debian builds it: no JIT).', 'CPython 3.11(데비안이 빌드한 python3, JIT 없음).')],
    };
  },
  program(s) {
    const listing = JSON.stringify(compileStraight(s.fn).instructions.map((i) => [i.offset, i.opname, i.argrepr]));
    const f = s.fn.name;
    const check = [
      'import json, sys  # [lockstep]',
      `_shown = json.loads(${JSON.stringify(listing)})  # [lockstep] the listing the question shows`,
      `_real = [[i.offset, i.opname, i.argrepr] for i in dis.get_instructions(${f})]  # [lockstep]`,
      `_plain = [i.opname for i in dis.get_instructions(${f})]  # [lockstep]`,
      `_adaptive = [i.opname for i in dis.get_instructions(${f}, adaptive=True)]  # [lockstep]`,
      '_jit = getattr(sys, "_jit", None)  # [lockstep] CPython 3.13+ only',
      'if _real != _shown:  # [lockstep]',
      '    _answer = "listing differs: " + json.dumps(_real)  # [lockstep]',
      'elif _jit is not None and _jit.is_enabled():  # [lockstep]',
      '    _answer = "jit"  # [lockstep]',
      'else:  # [lockstep]',
      '    _answer = "specialized" if _adaptive != _plain else "interpreter"  # [lockstep]',
      'print("ANSWER " + json.dumps(_answer))  # [lockstep]',
    ];
    return { language: 'python', source: `${whoRunsCode(s)}\n${check.join('\n')}\n` };
  },
});
