/**
 * Misconceptions that wrong options stand for. Ids are stable: statistics group answers
 * by them. Each domain keeps its own catalogue; import the one you need.
 */
import type { Misconception } from './types';

const m = (id: string, en: string, ko: string): Misconception => ({ id, text: { en, ko } });

/** Threads, locks, events, daemon threads and the GIL (shared/seed/topics.md, topics 6–8). */
export const threadMisconceptions = {
  gilIsLock: m(
    'threads.gil-is-lock',
    'A Lock (or Event) takes control of the interpreter. In CPython the GIL and a threading.Lock are different things: a thread blocked in acquire() or wait() has released the GIL, and holding a Lock does not stop other threads from running.',
    'Lock(또는 Event)이 인터프리터 제어권을 가져간다고 생각함. CPython에서 GIL과 threading.Lock은 별개입니다: acquire()나 wait()에서 블록된 스레드는 GIL을 놓고 있으며, Lock을 잡고 있어도 다른 스레드는 계속 실행됩니다.',
  ),
  sleepReleasesLock: m(
    'threads.sleep-releases-lock',
    'sleep() inside `with lock:` releases the lock. It releases the GIL, not the Lock: the lock stays held until the with block ends.',
    '`with lock:` 안의 sleep()이 락을 놓는다고 생각함. sleep()은 GIL을 놓을 뿐 Lock은 그대로 잡혀 있습니다. with 블록이 끝나야 풀립니다.',
  ),
  sleepReleasesAcquiredLock: m(
    'threads.sleep-releases-acquired-lock',
    'sleep() between lock.acquire() and lock.release() releases the lock. It releases the GIL, not the Lock: the lock stays held until release() is called.',
    'lock.acquire()와 lock.release() 사이의 sleep()이 락을 놓는다고 생각함. sleep()은 GIL을 놓을 뿐 Lock은 그대로 잡혀 있습니다. release()를 호출해야 풀립니다.',
  ),
  daemonNotJoined: m(
    'threads.daemon-just-not-joined',
    'Daemon threads are simply "not joined" and still finish their work. At interpreter exit they are stopped abruptly wherever they are: later lines never run, and their finally blocks may not run.',
    'daemon 스레드는 단지 join되지 않을 뿐 하던 일을 끝낸다고 생각함. 인터프리터가 종료되면 daemon 스레드는 그 자리에서 강제로 멈춥니다. 이후 줄도, finally 블록도 실행되지 않을 수 있습니다.',
  ),
  exitKillsAll: m(
    'threads.exit-kills-all',
    'When the main thread reaches its last line, every thread is stopped. CPython first joins every non-daemon thread; only daemon threads are stopped.',
    '메인 스레드의 마지막 줄에서 모든 스레드가 멈춘다고 생각함. CPython은 먼저 non-daemon 스레드를 모두 join하고, daemon 스레드만 멈춥니다.',
  ),
  joinTimeoutStops: m(
    'threads.join-timeout-stops-thread',
    'join(timeout) stops the thread, or returns whether it finished. It only stops waiting: it returns None and the thread keeps running; is_alive() tells whether it finished.',
    'join(timeout)이 스레드를 멈추거나 종료 여부를 반환한다고 생각함. 기다리기만 그만둘 뿐 None을 반환하고 스레드는 계속 실행됩니다. 종료 여부는 is_alive()로 확인합니다.',
  ),
  nonBlockingWaits: m(
    'threads.non-blocking-waits',
    'acquire(blocking=False) waits a little for the lock. It returns at once: True if the lock was free, False otherwise.',
    'acquire(blocking=False)도 잠시 기다린다고 생각함. 즉시 반환합니다: 락이 비어 있으면 True, 아니면 False.',
  ),
  timeoutRaises: m(
    'threads.timeout-raises',
    'A timed-out acquire() or wait() raises an exception. It returns False.',
    '타임아웃된 acquire()나 wait()가 예외를 던진다고 생각함. False를 반환합니다.',
  ),
  timeoutWaitsFull: m(
    'threads.timeout-waits-full',
    'acquire(timeout=t) or wait(t) always waits the whole timeout. It returns as soon as the lock is free or the flag is set.',
    'acquire(timeout=t)나 wait(t)가 항상 타임아웃만큼 기다린다고 생각함. 락이 풀리거나 플래그가 설정되는 즉시 반환합니다.',
  ),
  lockOwnerOnly: m(
    'threads.lock-owner-only',
    'Only the thread that acquired a Lock may release it. Any thread may release a held threading.Lock; only RLock is owned.',
    'Lock은 획득한 스레드만 해제할 수 있다고 생각함. threading.Lock은 어느 스레드든 해제할 수 있고, 소유 개념은 RLock에만 있습니다.',
  ),
  rlockAnyRelease: m(
    'threads.rlock-any-release',
    'An RLock can be released by any thread, like a Lock. Only its owner may release it; others get RuntimeError.',
    'RLock도 Lock처럼 아무 스레드나 해제할 수 있다고 생각함. 소유한 스레드만 해제할 수 있고, 다른 스레드는 RuntimeError를 받습니다.',
  ),
  lockReentrant: m(
    'threads.lock-reentrant',
    'A thread may acquire a Lock it already holds. A plain Lock is not re-entrant: the second acquire() blocks forever (use RLock).',
    '이미 잡은 Lock을 같은 스레드가 다시 획득할 수 있다고 생각함. 일반 Lock은 재진입이 안 되어 두 번째 acquire()가 영원히 블록됩니다(RLock을 쓰세요).',
  ),
  rlockOneRelease: m(
    'threads.rlock-one-release',
    'One release() frees an RLock. It must be released as many times as it was acquired.',
    'release() 한 번이면 RLock이 풀린다고 생각함. 획득한 횟수만큼 해제해야 풀립니다.',
  ),
  eventWakesOne: m(
    'threads.event-wakes-one',
    'Event.set() wakes only one waiter. It wakes every thread waiting on the event.',
    'Event.set()이 대기 중인 스레드 하나만 깨운다고 생각함. 대기 중인 모든 스레드를 깨웁니다.',
  ),
  waitReturnsNone: m(
    'threads.wait-returns-none',
    'Event.wait() returns None, or always True. It returns the flag: False when the timeout expires first.',
    'Event.wait()가 None이나 항상 True를 반환한다고 생각함. 플래그 값을 반환하며, 타임아웃이 먼저 오면 False입니다.',
  ),
  clearUnwakes: m(
    'threads.clear-unwakes',
    'clear() right after set() cancels the wake-up. Threads already waiting were woken by set() and their wait() returns True.',
    'set() 직후 clear()하면 깨움이 취소된다고 생각함. 이미 대기 중이던 스레드는 set()으로 깨어났고 wait()은 True를 반환합니다.',
  ),
  gilParallel: m(
    'threads.gil-parallel',
    'CPU-bound threads run in parallel on several cores. In CPython only the thread holding the GIL runs Python code, so N CPU-bound threads take about N times as long as one.',
    'CPU 위주 스레드가 여러 코어에서 병렬로 돈다고 생각함. CPython에서는 GIL을 가진 스레드만 파이썬 코드를 실행하므로 CPU 위주 스레드 N개는 하나보다 약 N배 걸립니다.',
  ),
  sleepHoldsGil: m(
    'threads.sleep-holds-gil',
    'A sleeping (or blocked) thread keeps the GIL. sleep() and blocking calls release it, so sleeping threads overlap.',
    'sleep 중이거나 블록된 스레드가 GIL을 계속 잡고 있다고 생각함. sleep()과 블로킹 호출은 GIL을 놓으므로 sleep하는 스레드들은 겹쳐서 진행됩니다.',
  ),
  noDeadlockWithSleep: m(
    'threads.deadlock-needs-bad-luck',
    'Two threads taking two locks in opposite orders only deadlock by bad luck. When each holds its first lock before the other asks for it, they always deadlock.',
    '두 락을 반대 순서로 잡는 스레드는 운이 나쁠 때만 교착된다고 생각함. 각자 첫 락을 잡은 뒤 상대 락을 요청하는 타이밍이면 항상 교착됩니다.',
  ),
  oppositeOrderAlways: m(
    'threads.opposite-order-always-deadlocks',
    'Taking two locks in opposite orders always deadlocks. It deadlocks only when each thread holds its first lock while asking for the second; if one thread is done with both before the other starts, nothing is stuck.',
    '두 락을 반대 순서로 잡으면 항상 교착된다고 생각함. 각 스레드가 첫 락을 잡은 채 두 번째 락을 요청할 때만 교착됩니다. 한 스레드가 두 락을 다 쓰고 난 뒤 다른 스레드가 시작하면 아무도 멈추지 않습니다.',
  ),
  rlockSelfDeadlock: m(
    'threads.rlock-self-deadlock',
    'An RLock deadlocks when its owner acquires it again, like a Lock. An RLock is re-entrant: its owner gets it again at once and must release it as many times.',
    'RLock도 Lock처럼 소유자가 다시 획득하면 교착된다고 생각함. RLock은 재진입 가능해서 소유자는 즉시 다시 얻고, 같은 횟수만큼 해제하면 됩니다.',
  ),
  releaseUnlockedHarmless: m(
    'threads.release-unlocked-harmless',
    'Releasing a lock that is not held (or one more time than it was acquired) does nothing. It raises RuntimeError.',
    '잡혀 있지 않은 락을 해제하거나(또는 획득한 횟수보다 더 해제해도) 아무 일도 없다고 생각함. RuntimeError가 발생합니다.',
  ),
  setIsSignal: m(
    'threads.set-is-a-signal',
    'Event.set() is a one-time signal to the threads waiting at that moment; a wait() that starts later blocks. set() sets a flag that stays set until clear(): a wait() called while it is set returns True at once.',
    'Event.set()이 그 순간 대기 중인 스레드에게 한 번 보내는 신호라서, 나중에 시작한 wait()는 블록된다고 생각함. set()은 clear() 전까지 유지되는 플래그를 설정합니다. 플래그가 설정된 동안 호출한 wait()는 즉시 True를 반환합니다.',
  ),
} as const satisfies Record<string, Misconception>;
