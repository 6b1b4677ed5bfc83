/** Helpers shared by the pool generators (the ones every domain shares are in `../kit`). */
import { disassemble, type PipeMessage } from '@/lib/sim/pool';
import { L, option } from '../kit';
import type { CellText, Localized, Misconception, Option, PromptBlock, TableView } from '../types';

export function python(code: string): PromptBlock {
  return { kind: 'code', language: 'python', code };
}

export interface NumberChoice {
  readonly value: number;
  readonly misconception?: Misconception;
}

/**
 * Options for a numeric answer: the right value plus distractors, each the number a
 * misconception leads to. Values equal to the answer or to an earlier distractor are
 * dropped; options are sorted ascending (so their position tells nothing). Ids are the
 * numbers themselves.
 */
export function numberOptions(answer: number, distractors: readonly NumberChoice[], unit: Localized): Option[] {
  const seen = new Set<number>([answer]);
  const choices: NumberChoice[] = [{ value: answer }];
  for (const d of distractors) {
    if (!Number.isFinite(d.value) || d.value < 0 || seen.has(d.value)) continue;
    seen.add(d.value);
    choices.push(d);
  }
  return choices
    .sort((a, b) => a.value - b.value)
    .map((c) => option(String(c.value), L(`${c.value} ${unit.en}`, `${c.value}${unit.ko}`), c.misconception));
}

export const BYTES = L('bytes', '바이트');
export const MESSAGES = L('messages', '개');
export const MS = L('ms', 'ms');

/** The Python version and platform every pool question assumes. */
export const PLATFORM: Localized = L(
  'CPython 3.11 on Linux. multiprocessing uses the fork start method (the Linux default in 3.11) unless the code asks for another, and pickles with protocol 4 (pickle.DEFAULT_PROTOCOL).',
  'Linux의 CPython 3.11. multiprocessing은 코드가 다른 방식을 고르지 않는 한 fork 시작 방식(3.11 Linux 기본값)을 쓰고, 프로토콜 4(pickle.DEFAULT_PROTOCOL)로 pickle합니다.',
);

export const WIRE_RULE: Localized = L(
  'Bytes on the pipe: Connection.send_bytes writes a 4-byte length header followed by the pickled payload (ForkingPickler.dumps, protocol 4). Pool shutdown sentinels are not counted.',
  '파이프의 바이트: Connection.send_bytes는 4바이트 길이 헤더와 pickle된 페이로드(ForkingPickler.dumps, 프로토콜 4)를 씁니다. 풀 종료 신호(sentinel)는 세지 않습니다.',
);

/** The first job of the program has id 0 (multiprocessing.pool.job_counter). */
export const JOB_RULE: Localized = L(
  'Job ids come from multiprocessing.pool.job_counter: the first map/imap/apply_async call of the program is job 0, the next job 1, and so on.',
  'job id는 multiprocessing.pool.job_counter에서 나옵니다: 프로그램의 첫 map/imap/apply_async 호출이 job 0, 다음이 job 1, … 입니다.',
);

/** A disassembly of one pickle as a table (offset, opcode, argument, bytes), cut at `maxRows`. */
export function disassemblyTable(pickle: Uint8Array, caption: Localized, maxRows = 80): TableView {
  const ops = disassemble(pickle);
  const rows: (readonly CellText[])[] = ops.slice(0, maxRows).map((op) => [String(op.offset), op.name, op.arg, String(op.size)]);
  if (ops.length > maxRows) {
    const rest = ops.slice(maxRows).reduce((n, op) => n + op.size, 0);
    rows.push(['…', L(`${ops.length - maxRows} more opcodes`, `opcode ${ops.length - maxRows}개 더`), '', String(rest)]);
  }
  rows.push(['', L('total', '합계'), '', String(pickle.length)]);
  return {
    kind: 'table',
    caption,
    header: [L('offset', '오프셋'), L('opcode', 'opcode'), L('argument', '인자'), L('bytes', '바이트')],
    rows,
  };
}

/** A pipe message without its bytes: what the tables and counts need. */
export type MessageSize = Omit<PipeMessage, 'pickle'>;

export const messageSize = ({ direction, index, first, count, payload, wire }: PipeMessage): MessageSize => ({ direction, index, first, count, payload, wire });

/** One row per message: direction, task index, items, payload, header, total. */
export function messageTable(messages: readonly MessageSize[], caption: Localized): TableView {
  const rows: (readonly CellText[])[] = messages.map((m) => [
    m.direction === 'task' ? L('task → worker', '작업 → 워커') : L('result → parent', '결과 → 부모'),
    String(m.index),
    m.count === 1 ? `[${m.first}]` : `[${m.first}..${m.first + m.count - 1}]`,
    String(m.payload),
    '4',
    String(m.wire),
  ]);
  rows.push([L('total', '합계'), '', '', String(messages.reduce((n, m) => n + m.payload, 0)), String(4 * messages.length), String(messages.reduce((n, m) => n + m.wire, 0))]);
  return {
    kind: 'table',
    caption,
    header: [L('pipe', '파이프'), L('task i', '작업 i'), L('items', '항목'), L('pickle bytes', 'pickle 바이트'), L('header', '헤더'), L('bytes on the pipe', '파이프 바이트')],
    rows,
  };
}
