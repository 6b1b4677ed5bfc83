/**
 * The words of the scheduler challenges, in English and Korean, made in one place: the
 * Python line of each step, the goal, what each move did, and the explanation of the par
 * (or of why no schedule wins). Pure: the challenge board in the browser uses it too.
 */
import { applyMove, initialState, type ChallengeProgram, type Goal, type Instr, type Move, type StepEvent, TICK } from '@/lib/sim/challenge';
import { josa, L, PARTICLE } from '../kit';
import type { Explanation, Localized, TableView } from '../types';

/** The Python statement an instruction is part of. */
export function instrCode(instr: Instr): string {
  switch (instr.op) {
    case 'acquire':
      return instr.timeout === undefined ? `${instr.lock}.acquire()` : `got = ${instr.lock}.acquire(timeout=${instr.timeout})`;
    case 'release':
      return `${instr.lock}.release()`;
    case 'release-if-got':
      return `if got: ${instr.lock}.release()`;
    case 'print':
      return `print(${JSON.stringify(instr.text)})`;
    case 'set':
      return `${instr.event}.set()`;
    case 'wait':
      return `${instr.event}.wait()`;
    case 'sleep':
      return `time.sleep(${instr.ticks})`;
    case 'load':
    case 'add':
    case 'store':
      return 'counter += 1';
  }
}

/** The bytecode step of `counter += 1` an instruction stands for, or null for a whole statement. */
export function bytecodeOf(instr: Instr): string | null {
  if (instr.op === 'load') return 'LOAD_GLOBAL counter';
  if (instr.op === 'add') return 'BINARY_OP += 1';
  if (instr.op === 'store') return 'STORE_GLOBAL counter';
  return null;
}

/** A step as shown in a listing: the statement, with its bytecode step where it has one. */
export function stepLabel(instr: Instr): string {
  const bc = bytecodeOf(instr);
  return bc ? `${instrCode(instr)}  # ${bc}` : instrCode(instr);
}

export function goalText(goal: Goal): Localized {
  switch (goal.kind) {
    case 'deadlock':
      return L('Make the program deadlock: every thread left is blocked and no timer is pending.', '프로그램을 교착 상태로 만드십시오. 남은 모든 스레드가 막혀 있고 기다리는 타이머도 없어야 합니다.');
    case 'print-first':
      return L(`Make "${goal.line}" the first line the program prints.`, `프로그램이 가장 먼저 "${goal.line}" 줄을 출력하게 하십시오.`);
    case 'acquire-false':
      return L(`Make ${goal.thread}'s acquire(timeout=…) return False.`, `${josa(goal.thread, PARTICLE.eun)} acquire(timeout=…)이 False를 반환하게 하십시오.`);
    case 'counter-wrong':
      return L(
        `Make the program end with counter ≠ ${goal.expected}: lose an update of counter += 1 (LOAD, ADD, STORE are separate steps).`,
        `프로그램이 counter ≠ ${goal.expected}인 채로 끝나게 하십시오. counter += 1의 갱신 하나를 잃게 하면 됩니다(LOAD, ADD, STORE는 따로 실행되는 단계입니다).`,
      );
    case 'daemon-silent':
      return L(
        `Make the program exit before the daemon thread ${goal.thread} prints "${goal.line}".`,
        `데몬 스레드 ${josa(goal.thread, PARTICLE.i)} "${goal.line}" 줄을 출력하기 전에 프로그램이 끝나게 하십시오.`,
      );
  }
}

/** What one event of a move did, in both languages. */
export function eventText(event: StepEvent): Localized {
  switch (event.kind) {
    case 'ran': {
      const code = event.instr.op === 'load' || event.instr.op === 'add' || event.instr.op === 'store' ? (bytecodeOf(event.instr) as string) : instrCode(event.instr);
      const got = event.got === undefined ? '' : ` → ${event.got ? 'True' : 'False'}`;
      return L(`${event.thread} runs ${code}${got}`, `${josa(event.thread, PARTICLE.i)} ${code}${got} 실행`);
    }
    case 'blocks':
      return L(`${event.thread} waits for ${event.lock} until t=${event.until}`, `${josa(event.thread, PARTICLE.i)} t=${event.until}까지 ${event.lock} 대기`);
    case 'sleeps':
      return L(`${event.thread} sleeps until t=${event.until}`, `${josa(event.thread, PARTICLE.i)} t=${event.until}까지 잠듦`);
    case 'clock':
      return L(`clock → t=${event.to}`, `시계 → t=${event.to}`);
    case 'wakes':
      return L(`${event.thread} wakes up`, `${josa(event.thread, PARTICLE.i)} 깨어남`);
    case 'times-out':
      return L(`${event.thread}'s acquire of ${event.lock} times out → False`, `${event.thread}의 ${event.lock} 획득 시간 초과 → False`);
    case 'hand-off':
      return L(`${event.thread} gets ${event.lock} → True`, `${josa(event.thread, PARTICLE.i)} ${event.lock} 획득 → True`);
  }
}

/** Each move of a schedule with what it did and the output so far. */
export function scheduleTable(program: ChallengeProgram, moves: readonly Move[], caption: Localized): TableView {
  let state = initialState(program);
  const rows = moves.map((move, i) => {
    const r = applyMove(program, state, move);
    state = r.state;
    const what = r.events.map(eventText);
    return [String(i + 1), move === TICK ? L('clock', '시계') : move, L(what.map((w) => w.en).join('; '), what.map((w) => w.ko).join('; ')), state.output.join(' / ') || '—'];
  });
  return { kind: 'table', caption, header: [L('#', '#'), L('move', '수'), L('what happens', '일어난 일'), L('output', '출력')], rows };
}

/** The explanation of a challenge: the par schedule step by step, or why no schedule wins. */
export function challengeExplanation(program: ChallengeProgram, par: readonly Move[] | null, states: number, fallback: readonly Move[]): Explanation {
  const rule = L(
    'The learner is the scheduler: any runnable thread may run next, and the GIL may switch threads between any two bytecodes. Locks block other threads (a plain Lock also its own holder), RLock counts its owner\'s levels, timed acquires give up on the clock, and daemon threads die when the last non-daemon thread ends.',
    '학습자가 스케줄러입니다. 실행 가능한 스레드는 무엇이든 다음에 실행할 수 있고, GIL은 어느 두 바이트코드 사이에서도 스레드를 바꿀 수 있습니다. 락은 다른 스레드를 막고(일반 Lock은 자기를 잡은 스레드도 막습니다), RLock은 소유자의 획득 횟수를 세며, 시간 제한이 있는 acquire는 시계에 따라 포기하고, 데몬 스레드는 마지막 비데몬 스레드가 끝나면 함께 종료됩니다.',
  );
  if (par) {
    return {
      summary: [
        L(
          `A shortest winning schedule (par) has ${par.length} moves: ${par.join(', ')}. An exhaustive search visited ${states} distinct states to find it.`,
          `가장 짧은 승리 스케줄(파)은 ${par.length}수입니다: ${par.join(', ')}. 전수 탐색으로 서로 다른 상태 ${states}개를 방문해 찾았습니다.`,
        ),
      ],
      views: [scheduleTable(program, par, L('A shortest winning schedule', '가장 짧은 승리 스케줄'))],
      rule,
    };
  }
  return {
    summary: [
      L(
        `Impossible: an exhaustive search of all ${states} reachable states found no schedule that reaches the goal. One complete run is shown below.`,
        `불가능합니다. 도달 가능한 상태 ${states}개를 모두 탐색했지만 목표에 이르는 스케줄이 없습니다. 아래는 끝까지 실행한 한 예입니다.`,
      ),
    ],
    views: [scheduleTable(program, fallback, L('One complete run (it does not reach the goal)', '끝까지 실행한 한 예(목표에 이르지 못함)'))],
    rule,
  };
}
