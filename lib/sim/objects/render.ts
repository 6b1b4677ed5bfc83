/** Renders the objects AST as Python 3 source, remembering where each module statement lands. */
import type { ClassSpec, Expr, ObjectProgram, Stmt } from './types';

/** Python source for an expression (parenthesised where precedence needs it). */
export function exprCode(e: Expr): string {
  switch (e.kind) {
    case 'name':
      return e.name;
    case 'attr':
      return `${atom(e.target)}.${e.attr}`;
    case 'int':
      return String(e.value);
    case 'str':
      return `'${e.value}'`;
    case 'none':
      return 'None';
    case 'new':
      return `${e.cls}(${e.args.map(exprCode).join(', ')})`;
    case 'list':
      return `[${e.items.map(exprCode).join(', ')}]`;
    case 'index':
      return `${atom(e.target)}[${e.index}]`;
    case 'is':
      return `${exprCode(e.left)} ${e.negate ? 'is not' : 'is'} ${exprCode(e.right)}`;
    case 'eq':
      return `${exprCode(e.left)} == ${exprCode(e.right)}`;
    case 'isinstance':
      return `isinstance(${exprCode(e.target)}, ${e.cls})`;
    case 'type-is':
      return `type(${exprCode(e.target)}) is ${e.cls}`;
    case 'type':
      return `type(${exprCode(e.target)})`;
    case 'type-name':
      return `type(${exprCode(e.target)}).__name__`;
    case 'len':
      return `len(${exprCode(e.target)})`;
    case 'has-own':
      return `'${e.attr}' in ${atom(e.target)}.__dict__`;
  }
}

function atom(e: Expr): string {
  const c = exprCode(e);
  return ['is', 'eq', 'has-own'].includes(e.kind) ? `(${c})` : c;
}

/** Python source for one statement (a single line). */
export function stmtCode(s: Stmt): string {
  switch (s.kind) {
    case 'assign':
      return `${s.target.kind === 'name' ? s.target.name : `${atom(s.target.target)}.${s.target.attr}`} = ${exprCode(s.value)}`;
    case 'aug': {
      const t = s.target.kind === 'name' ? s.target.name : `${atom(s.target.target)}.${s.target.attr}`;
      return s.delta >= 0 ? `${t} += ${s.delta}` : `${t} -= ${-s.delta}`;
    }
    case 'append':
      return `${atom(s.list)}.append(${exprCode(s.value)})`;
    case 'clear':
      return `${atom(s.list)}.clear()`;
    case 'del-name':
      return `del ${s.name}`;
    case 'del-attr':
      return `del ${atom(s.target)}.${s.attr}`;
    case 'print':
      return `print(${exprCode(s.expr)})`;
  }
}

/** The lines of one class statement. */
export function classLines(c: ClassSpec): string[] {
  const out = [`class ${c.name}${c.base ? `(${c.base})` : ''}:`];
  for (const a of c.attrs) out.push(`    ${a.name} = ${exprCode(a.value)}`);
  const methods: string[][] = [];
  if (c.init) methods.push([`def __init__(self${c.init.params.map((p) => `, ${p}`).join('')}):`, ...bodyOrPass(c.init.body)]);
  if (c.eq) {
    const owner = c.name;
    methods.push([
      'def __eq__(self, other):',
      `    return isinstance(other, ${owner}) and self.${c.eq.attr} == other.${c.eq.attr}`,
    ]);
  }
  if (c.del) methods.push(['def __del__(self):', ...bodyOrPass(c.del)]);
  methods.forEach((m, i) => {
    if (i > 0 || c.attrs.length > 0) out.push('');
    out.push(...m.map((l) => `    ${l}`));
  });
  if (c.attrs.length === 0 && methods.length === 0) out.push('    pass');
  return out;
}

function bodyOrPass(body: readonly Stmt[]): string[] {
  return body.length === 0 ? ['    pass'] : body.map((s) => `    ${stmtCode(s)}`);
}

export interface RenderedProgram {
  /** The whole program, newline-terminated. */
  readonly code: string;
  /** 1-based line number of each module statement. */
  readonly lines: readonly number[];
}

/**
 * The program as shown to learners: classes separated by two blank lines (PEP 8), one
 * blank line, then the module statements one per line.
 */
export function renderProgram(p: ObjectProgram): RenderedProgram {
  const out: string[] = [];
  p.classes.forEach((c, i) => {
    if (i > 0) out.push('', '');
    out.push(...classLines(c));
  });
  out.push('', '');
  const lines: number[] = [];
  for (const s of p.body) {
    out.push(stmtCode(s));
    lines.push(out.length);
  }
  return { code: out.join('\n') + '\n', lines };
}
