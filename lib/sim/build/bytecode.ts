/**
 * CPython 3.11's compiler for straight-line functions of ints: `def f(x, y): t = x * 3;
 * return t - y` → RESUME, LOAD_FAST / LOAD_CONST, BINARY_OP (2-byte instruction + one
 * 2-byte inline cache entry), STORE_FAST, RETURN_VALUE, with the offsets and argument text
 * `dis.get_instructions(f)` reports (Python/compile.c, Lib/dis.py in 3.11). `co_consts[0]` is
 * None (a function without a docstring); constants are numbered by first use, names are the
 * parameters then the locals by first store. Constant-only subexpressions are excluded by the
 * grammar, so the peephole optimizer's constant folding never applies.
 */

export type Operand = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'const'; readonly value: number };

export type BinOp = '+' | '-' | '*';

/** An operand, or `left op right` where at most one side is a constant. */
export type FnExpr = Operand | { readonly kind: 'bin'; readonly op: BinOp; readonly left: FnExpr; readonly right: FnExpr };

export interface StraightFunction {
  readonly name: string;
  readonly params: readonly string[];
  /** `local = expr` lines, in order. */
  readonly assigns: readonly { readonly local: string; readonly value: FnExpr }[];
  readonly returns: FnExpr;
}

export interface Instruction {
  readonly offset: number;
  readonly opname: string;
  /** What `dis` prints in parentheses (`x`, `3`, `+`), or '' when nothing. */
  readonly argrepr: string;
}

/** BINARY_OP's oparg per operator (Include/opcode.h NB_ADD, NB_SUBTRACT, NB_MULTIPLY). */
const NB: Readonly<Record<BinOp, number>> = { '+': 0, '-': 10, '*': 5 };

/** Inline cache entries after an instruction, in 2-byte code units (3.11: BINARY_OP has one). */
const CACHE_UNITS: Readonly<Record<string, number>> = { BINARY_OP: 1 };

export interface Compiled {
  readonly instructions: readonly Instruction[];
  /** The BINARY_OP opargs, for the listing's argument column. */
  readonly args: readonly (number | null)[];
}

/** The bytecode CPython 3.11 compiles `fn` to, as `dis.get_instructions` lists it. */
export function compileStraight(fn: StraightFunction): Compiled {
  const consts: (number | null)[] = [null];
  const varnames = [...fn.params];
  const out: { opname: string; arg: number | null; argrepr: string }[] = [{ opname: 'RESUME', arg: 0, argrepr: '' }];
  const local = (n: string) => {
    let i = varnames.indexOf(n);
    if (i < 0) i = varnames.push(n) - 1;
    return i;
  };
  const emit = (e: FnExpr): void => {
    if (e.kind === 'name') {
      if (!varnames.includes(e.name)) throw new Error(`${e.name} read before it is assigned`);
      out.push({ opname: 'LOAD_FAST', arg: varnames.indexOf(e.name), argrepr: e.name });
    } else if (e.kind === 'const') {
      let i = consts.indexOf(e.value);
      if (i < 0) i = consts.push(e.value) - 1;
      out.push({ opname: 'LOAD_CONST', arg: i, argrepr: String(e.value) });
    } else {
      if (e.left.kind === 'const' && e.right.kind === 'const') throw new Error('a constant-only expression would be folded');
      emit(e.left);
      emit(e.right);
      out.push({ opname: 'BINARY_OP', arg: NB[e.op], argrepr: e.op });
    }
  };
  for (const a of fn.assigns) {
    emit(a.value);
    out.push({ opname: 'STORE_FAST', arg: local(a.local), argrepr: a.local });
  }
  emit(fn.returns);
  out.push({ opname: 'RETURN_VALUE', arg: null, argrepr: '' });
  let offset = 0;
  const instructions = out.map((x) => {
    const ins = { offset, opname: x.opname, argrepr: x.argrepr };
    offset += 2 * (1 + (CACHE_UNITS[x.opname] ?? 0));
    return ins;
  });
  return { instructions, args: out.map((x) => x.arg) };
}

/** Python source of an expression (operators of equal precedence group to the left, as Python's do). */
export function fnExprCode(e: FnExpr, parentPrec = 0, rightSide = false): string {
  if (e.kind === 'name') return e.name;
  if (e.kind === 'const') return String(e.value);
  const prec = e.op === '*' ? 2 : 1;
  const code = `${fnExprCode(e.left, prec)} ${e.op} ${fnExprCode(e.right, prec, true)}`;
  return prec < parentPrec || (prec === parentPrec && rightSide) ? `(${code})` : code;
}

/** The function's Python source. */
export function straightFunctionCode(fn: StraightFunction): string {
  return [
    `def ${fn.name}(${fn.params.join(', ')}):`,
    ...fn.assigns.map((a) => `    ${a.local} = ${fnExprCode(a.value)}`),
    `    return ${fnExprCode(fn.returns)}`,
  ].join('\n');
}
