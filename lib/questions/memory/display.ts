/**
 * How a scenario is shown to the learner: as a C program (each process's steps inside its
 * `fork()` branch, step numbers in comments) beside a table of the steps in order.
 *
 * Two editions, by generator version. Edition 1 (version 1 of every memory generator, kept so
 * stored refs replay unchanged) showed a child with no steps of its own as exiting at once,
 * while the simulator and the C oracle keep it alive to the end: the code said one thing and
 * the answer another. Edition 2 shows such a child waiting in pause() like every other process
 * that outlives its steps, and says that every process runs on CPU 0 as the oracle pins them.
 * Edition 4 (memory version 4) is edition 2 with its comments in the learner's language: the
 * program is a Localized pair whose Korean text differs from the English one only in comments
 * (tests/oracle/shown-code.test.ts checks it with gcc's preprocessor; the oracle runs English).
 */
import type { MemoryOp, ProcessId } from '@/lib/sim/memory/types';
import type { CellText, Lang, Localized, PromptBlock } from '../types';
import { opCode, pageExpr, procName, quoteByte } from './common';

const COMMENT_COLUMN = 48;

function line(indent: number, code: string, step?: number, note?: string): string {
  const text = '    '.repeat(indent) + code;
  if (step === undefined && note === undefined) return text;
  const comment = step === undefined ? `/* ${note} */` : note ? `/* ${step}: ${note} */` : `/* ${step} */`;
  return text.length + 2 > COMMENT_COLUMN ? `${text}  ${comment}` : `${text.padEnd(COMMENT_COLUMN)}${comment}`;
}

function mmapLines(op: Extract<MemoryOp, { kind: 'map' }>, indent: number, step: number): string[] {
  const flags = op.shared ? 'MAP_SHARED | MAP_ANONYMOUS' : 'MAP_PRIVATE | MAP_ANONYMOUS';
  return [
    line(indent, `char *${op.name} = mmap(NULL, ${op.pages} * PAGE, PROT_READ | PROT_WRITE,`, step),
    line(indent, `${' '.repeat(op.name.length + 14)}${flags}, -1, 0);`),
  ];
}

/**
 * Edition 1 (as first published), 2 (faithful to the simulator; memory version 3 shows it too)
 * or 4 (edition 2 with comments in the learner's language); see the file comment.
 */
export type DisplayEdition = 1 | 2 | 3 | 4;

/** The prose comments of the shown program, in each language (step numbers stay as they are). */
const COMMENTS = {
  steps: {
    en: 'Numbers are steps; they run in that order (pipes, not shown, enforce it).',
    ko: '숫자는 단계 번호입니다. 단계는 이 순서대로 실행됩니다(보이지 않는 파이프가 순서를 지킵니다).',
  },
  oneCpu: {
    en: 'Every process runs on CPU 0 (sched_setaffinity, not shown).',
    ko: '모든 프로세스는 CPU 0에서 실행됩니다(sched_setaffinity, 코드에서는 생략).',
  },
  staysAlive: {
    en: 'stays alive until every step has run',
    ko: '모든 단계가 끝날 때까지 살아 있습니다',
  },
} as const satisfies Record<string, Localized>;

function body(ops: readonly MemoryOp[], pid: ProcessId, from: number, indent: number, root: boolean, edition: DisplayEdition, lang: Lang): string[] {
  const out: string[] = [];
  let ended = false;
  for (let k = from; k < ops.length; k++) {
    const op = ops[k] as MemoryOp;
    if (op.pid !== pid) continue;
    const step = k + 1;
    switch (op.kind) {
      case 'map':
        out.push(...mmapLines(op, indent, step));
        break;
      case 'read':
        out.push(line(indent, `char v${step} = ${pageExpr(op.vpage)};`, step));
        break;
      case 'write':
        out.push(line(indent, `${pageExpr(op.vpage)} = ${quoteByte(op.value)};`, step));
        break;
      case 'munmap':
        out.push(line(indent, `munmap(&${pageExpr(op.vpage)}, ${op.pages} * PAGE);`, step));
        break;
      case 'fork':
        out.push(line(indent, 'if (fork() == 0) {', step, procName(op.child)[lang]));
        out.push(...body(ops, op.child, k + 1, indent + 1, false, edition, lang));
        out.push(line(indent, '}'));
        break;
      case 'exec':
        out.push(line(indent, 'execl("/bin/true", "true", (char *)NULL);', step));
        ended = true;
        break;
      case 'exit':
        out.push(line(indent, '_exit(0);', step));
        ended = true;
        break;
    }
    if (ended) break;
  }
  if (!ended) {
    const lastOwn = ops.reduce((acc, op, k) => (op.pid === pid ? k : acc), -1);
    // A process lives until every step has run: it waits after its last own step, or, a
    // child with no steps of its own, right after the fork that made it (not in edition 1).
    const idleChild = lastOwn < from - 1;
    const doneAt = idleChild ? from - 1 : lastOwn;
    if (doneAt < ops.length - 1 && (edition >= 2 || !idleChild)) out.push(line(indent, 'pause();', undefined, COMMENTS.staysAlive[lang]));
    out.push(line(indent, root ? 'return 0;' : '_exit(0);'));
  }
  return out;
}

/**
 * The scenario as a C program, its comments in `lang` (edition 4; earlier editions are English
 * only). Only the steps are shown; the pipes that order them are not.
 */
export function scenarioC(ops: readonly MemoryOp[], edition: DisplayEdition, root: ProcessId = 'parent', lang: Lang = 'en'): string {
  const say = edition >= 4 ? lang : 'en';
  return [
    '#include <sys/mman.h>',
    '#include <unistd.h>',
    '#define PAGE 4096',
    '',
    `/* ${COMMENTS.steps[say]} */`,
    ...(edition === 1 ? [] : [`/* ${COMMENTS.oneCpu[say]} */`]),
    'int main(void) {',
    ...body(ops, root, 0, 1, true, edition, say),
    '}',
  ].join('\n');
}

/** The program a prompt shows: one English text up to edition 3, from edition 4 a pair that differs only in comments. */
export function shownC(ops: readonly MemoryOp[], edition: DisplayEdition): CellText {
  if (edition < 4) return scenarioC(ops, edition);
  return { en: scenarioC(ops, edition, 'parent', 'en'), ko: scenarioC(ops, edition, 'parent', 'ko') };
}

/** The steps as a table block: step, process, operation. */
export function stepsTable(ops: readonly MemoryOp[]): PromptBlock {
  const rows: CellText[][] = ops.map((op, k) => [String(k + 1), procName(op.pid), opCode(op, k + 1)]);
  return {
    kind: 'table',
    caption: { en: 'Steps, in the order they run', ko: '실행 순서대로의 단계' },
    header: [
      { en: 'Step', ko: '단계' },
      { en: 'Process', ko: '프로세스' },
      { en: 'Operation', ko: '연산' },
    ],
    rows,
  };
}

/** The common start of every prompt: the code and the table. */
export function scenarioBlocks(ops: readonly MemoryOp[], edition: DisplayEdition): PromptBlock[] {
  return [
    { kind: 'code', language: 'c', code: shownC(ops, edition) },
    stepsTable(ops),
  ];
}
