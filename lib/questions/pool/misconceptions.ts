/**
 * Misconceptions about multiprocessing pools and pickling (shared/seed/topics.md, topic 4).
 * Ids are stable: statistics group answers by them.
 */
import type { Misconception } from '../types';

const m = (id: string, en: string, ko: string): Misconception => ({ id, text: { en, ko } });

export const poolMisconceptions = {
  alwaysFaster: m(
    'pool.process-pool-always-faster',
    'A process pool is always faster for CPU-bound work. Every task and result is pickled and sent through a pipe, and the workers must start first; when the work per item is small, that overhead is larger than what parallelism saves.',
    '프로세스 풀은 CPU 작업이면 항상 빠르다고 생각함. 모든 작업과 결과는 pickle되어 파이프로 오가고, 워커 프로세스도 먼저 떠야 합니다. 항목당 작업이 작으면 이 비용이 병렬화로 얻는 이득보다 큽니다.',
  ),
  chunksizeNoEffect: m(
    'pool.chunksize-no-effect',
    'chunksize does not change the number of messages. Each chunk is one task message (and one result message), so the task pipe carries ceil(n / chunksize) messages.',
    'chunksize가 메시지 수를 바꾸지 않는다고 생각함. 청크 하나가 작업 메시지 하나(결과 메시지 하나)이므로 작업 파이프에는 ceil(n / chunksize)개의 메시지가 지나갑니다.',
  ),
  argsShared: m(
    'pool.args-shared',
    'Arguments are shared with the worker processes, not copied. Every argument is pickled into the task message and unpickled in the worker: the worker gets a copy, and objects that cannot be pickled cannot be sent at all.',
    '인자가 워커 프로세스와 공유된다고(복사되지 않는다고) 생각함. 모든 인자는 작업 메시지로 pickle되고 워커에서 unpickle됩니다. 워커는 복사본을 받고, pickle할 수 없는 객체는 아예 보낼 수 없습니다.',
  ),
  lambdaOk: m(
    'pool.lambda-ok',
    'Lambdas work with Pool.map. pickle sends functions by module and qualified name; a lambda is named <lambda>, which the module does not have, so pickling it raises PicklingError.',
    'Pool.map에 람다를 쓸 수 있다고 생각함. pickle은 함수를 모듈 이름과 qualname으로 보냅니다. 람다의 이름은 <lambda>이고 모듈에 그런 이름이 없으므로 PicklingError가 납니다.',
  ),
  forkInherits: m(
    'pool.fork-no-pickling',
    'With the fork start method nothing needs pickling, because the child has a copy of the parent. The workers are forked when the Pool is created; every later task (function and arguments) still travels through the task pipe as a pickle.',
    'fork 방식이면 자식이 부모의 복사본을 가지므로 pickle이 필요 없다고 생각함. 워커는 Pool을 만들 때 fork되고, 그 뒤의 모든 작업(함수와 인자)은 여전히 pickle되어 작업 파이프로 전달됩니다.',
  ),
  localFunctionOk: m(
    'pool.local-function-ok',
    'A function defined inside another function can be sent like a module-level one. Its qualname contains <locals>, so pickle refuses it with AttributeError: Can\'t pickle local object.',
    '함수 안에서 정의한 함수도 모듈 수준 함수처럼 보낼 수 있다고 생각함. qualname에 <locals>가 들어 있어서 pickle이 AttributeError(Can\'t pickle local object)로 거부합니다.',
  ),
  lockPickles: m(
    'pool.lock-or-file-pickles',
    'Locks, open files and generators can be passed as task arguments. Their types cannot be pickled: TypeError: cannot pickle \'…\' object.',
    '락, 열린 파일, 제너레이터를 작업 인자로 넘길 수 있다고 생각함. 이 타입들은 pickle할 수 없어 TypeError(cannot pickle \'…\' object)가 납니다.',
  ),
  mpLockArg: m(
    'pool.mp-lock-as-argument',
    'A multiprocessing.Lock can be sent as a task argument because it works across processes. It may only be inherited when a process starts; pickling it for a task raises RuntimeError.',
    'multiprocessing.Lock은 프로세스 간에 쓰는 것이니 작업 인자로 보낼 수 있다고 생각함. 프로세스 시작 시 상속으로만 넘길 수 있고, 작업으로 pickle하면 RuntimeError가 납니다.',
  ),
  mpLockLikeThreadLock: m(
    'pool.mp-lock-pickles-like-thread-lock',
    'A multiprocessing.Lock fails to pickle like a threading.Lock, with TypeError. Its class defines __getstate__, which raises RuntimeError ("Lock objects should only be shared between processes through inheritance") unless a process is being started.',
    'multiprocessing.Lock도 threading.Lock처럼 TypeError로 pickle에 실패한다고 생각함. 이 클래스는 __getstate__를 정의하고, 프로세스를 시작하는 중이 아니면 RuntimeError("Lock objects should only be shared between processes through inheritance")를 냅니다.',
  ),
  sameTypeError: m(
    'pool.every-pickling-error-is-picklingerror',
    'Every pickling failure raises pickle.PicklingError. CPython raises PicklingError only when a global lookup fails; local functions give AttributeError, objects without pickling support TypeError, multiprocessing locks RuntimeError.',
    'pickle 실패는 모두 pickle.PicklingError라고 생각함. CPython은 전역 이름 조회가 실패할 때만 PicklingError를 내고, 지역 함수는 AttributeError, pickle 지원이 없는 객체는 TypeError, multiprocessing 락은 RuntimeError를 냅니다.',
  ),
  lambdaIsLocal: m(
    'pool.lambda-is-local-object',
    "A lambda fails like a function defined inside another function, with AttributeError (Can't pickle local object). A lambda written at module level has the qualname '<lambda>', without <locals>: pickle tries the global lookup getattr(__main__, '<lambda>'), which fails, so it raises PicklingError.",
    "람다도 함수 안에서 정의한 함수처럼 AttributeError(Can't pickle local object)로 실패한다고 생각함. 모듈 수준에서 쓴 람다의 qualname은 <locals> 없는 '<lambda>'라서, pickle은 전역 조회 getattr(__main__, '<lambda>')를 시도하고 그것이 실패하므로 PicklingError를 냅니다.",
  ),
  workerErrorLost: m(
    'pool.worker-error-lost',
    'An exception raised inside a worker is lost (or the pool hangs). The worker sends (False, exception) back as the result and map raises it in the parent.',
    '워커 안에서 난 예외가 사라지거나 풀이 멈춘다고 생각함. 워커는 (False, 예외)를 결과로 돌려보내고 부모의 map이 그 예외를 다시 던집니다.',
  ),
  resultsNotPickled: m(
    'pool.results-not-pickled',
    'Results come back without pickling, so a worker may return anything. Results go through the result pipe as pickles too; an unpicklable result becomes MaybeEncodingError.',
    '결과는 pickle 없이 돌아오니 워커가 무엇이든 반환할 수 있다고 생각함. 결과도 pickle되어 결과 파이프로 돌아오며, pickle할 수 없는 결과는 MaybeEncodingError가 됩니다.',
  ),
  generatorIterableFails: m(
    'pool.generator-iterable-fails',
    'map cannot take a generator as its iterable because generators cannot be pickled. map first turns an iterable without len() into a list in the parent; only the items are pickled.',
    '제너레이터는 pickle할 수 없으니 map의 iterable로 쓸 수 없다고 생각함. map은 len()이 없는 iterable을 부모 프로세스에서 먼저 리스트로 만들고, 항목들만 pickle합니다.',
  ),
  argsFirst: m(
    'pool.arguments-pickled-first',
    'The arguments are pickled before the function. A task is the tuple (job, i, func, args, kwds): pickle writes it left to right, so the function fails first.',
    '인자가 함수보다 먼저 pickle된다고 생각함. 작업은 (job, i, func, args, kwds) 튜플이고 pickle은 왼쪽부터 쓰므로 함수에서 먼저 실패합니다.',
  ),
  wrapsIrrelevant: m(
    'pool.decorator-irrelevant',
    'A decorated module-level function always pickles. pickle looks the wrapper up by its qualname: without functools.wraps it is decorator.<locals>.wrapper (a local object); with wraps it takes the original name, which the module maps to the wrapper itself.',
    '모듈 수준에서 데코레이터를 붙인 함수는 항상 pickle된다고 생각함. pickle은 래퍼를 qualname으로 찾습니다. functools.wraps가 없으면 decorator.<locals>.wrapper(지역 객체)이고, wraps를 쓰면 원래 이름을 가져가며 모듈의 그 이름이 바로 래퍼입니다.',
  ),
  functionsUnpicklable: m(
    'pool.functions-unpicklable',
    'Functions cannot be pickled, so a pool cannot run them. A module-level function pickles as a reference (module name, qualified name); the worker imports it by that name.',
    '함수는 pickle할 수 없으니 풀로 실행할 수 없다고 생각함. 모듈 수준 함수는 참조(모듈 이름, qualname)로 pickle되고, 워커는 그 이름으로 함수를 찾습니다.',
  ),
  partialUnpicklable: m(
    'pool.partial-unpicklable',
    'A functools.partial cannot be sent to a pool. It pickles as (partial, (func,), (func, args, kwargs, None)): it works whenever its function and arguments pickle.',
    'functools.partial은 풀에 보낼 수 없다고 생각함. partial은 (partial, (func,), (func, args, kwargs, None))로 pickle되므로 함수와 인자가 pickle되면 됩니다.',
  ),
  methodsUnpicklable: m(
    'pool.methods-unpicklable',
    'A bound method cannot be sent to a pool. It pickles as getattr(instance, name): it works when the instance pickles (its class at module level, its attributes picklable).',
    '바운드 메서드는 풀에 보낼 수 없다고 생각함. getattr(인스턴스, 이름)으로 pickle되므로 인스턴스가 pickle되면(클래스가 모듈 수준이고 속성이 pickle 가능하면) 됩니다.',
  ),
  decoratedUnpicklable: m(
    'pool.decorated-unpicklable',
    'A decorated function can never be pickled. With functools.wraps the wrapper takes the original qualname, and the module attribute of that name is the wrapper itself, so pickle finds it.',
    '데코레이터를 붙인 함수는 절대 pickle되지 않는다고 생각함. functools.wraps를 쓰면 래퍼가 원래 qualname을 가져가고, 모듈의 그 이름이 바로 래퍼이므로 pickle이 찾을 수 있습니다.',
  ),
  spawnCopiesParent: m(
    'pool.spawn-copies-parent',
    'With spawn, the workers get everything the parent defined. A spawned worker is a fresh interpreter that re-imports the main module as __mp_main__ without running the if __name__ == "__main__": block, so a function defined inside that block does not exist there.',
    'spawn 방식에서도 워커가 부모가 정의한 것을 모두 가진다고 생각함. spawn된 워커는 새 인터프리터로 메인 모듈을 __mp_main__으로 다시 import하며 if __name__ == "__main__": 블록은 실행하지 않으므로, 그 블록 안에서 정의한 함수는 워커에 없습니다.',
  ),
  unpickleErrorReachesParent: m(
    'pool.unpickle-error-reaches-parent',
    'An error while a worker unpickles its task comes back to the parent like other errors. The worker\'s get() runs outside the code that reports errors: the worker process dies, the pool starts a new one, the task is lost and map waits forever.',
    '워커가 작업을 unpickle하다 난 오류도 다른 오류처럼 부모에게 돌아온다고 생각함. 워커의 get()은 오류를 보고하는 코드 밖에서 실행됩니다: 워커 프로세스가 죽고 풀이 새 워커를 띄우며, 작업은 사라지고 map은 영원히 기다립니다.',
  ),
  spawnNoMain: m(
    'pool.spawn-cannot-see-main',
    'With spawn, the workers cannot use functions of the main script. They re-import the main module (as __mp_main__), so module-level definitions exist there; only the if __name__ == "__main__": block is skipped.',
    'spawn 방식에서는 워커가 메인 스크립트의 함수를 쓸 수 없다고 생각함. 워커는 메인 모듈을 (__mp_main__으로) 다시 import하므로 모듈 수준 정의는 있습니다. 건너뛰는 것은 if __name__ == "__main__": 블록뿐입니다.',
  ),
  workersShareMemory: m(
    'pool.workers-share-memory',
    "A pool's workers share the parent's memory, like threads: nothing is pickled, so any function and argument can be used, and what a worker appends to a global list the parent then sees. The workers are separate processes: every task (the function by module and qualified name, the arguments by value) is pickled into a pipe, each worker changes only its own copy of the module's globals, and every result comes back pickled.",
    '풀의 워커가 스레드처럼 부모의 메모리를 공유하므로 아무것도 pickle되지 않고, 어떤 함수와 인자든 쓸 수 있으며, 워커가 전역 리스트에 추가한 것을 부모도 본다고 생각함. 워커는 별개의 프로세스입니다. 모든 작업(함수는 모듈과 qualname으로, 인자는 값으로)이 pickle되어 파이프로 가고, 각 워커는 모듈 전역 변수의 자기 복사본만 바꾸며, 모든 결과도 pickle되어 돌아옵니다.',
  ),
  gilLimitsProcesses: m(
    'pool.gil-limits-processes',
    'The GIL also serializes a process pool. Each worker process has its own interpreter and its own GIL, so CPU work runs in parallel across processes.',
    'GIL이 프로세스 풀도 직렬화한다고 생각함. 워커 프로세스마다 인터프리터와 GIL이 따로 있어 CPU 작업이 프로세스들에서 병렬로 돕니다.',
  ),
  threadsParallelCpu: m(
    'pool.threads-parallel-cpu',
    'Threads run CPU-bound Python code in parallel. Only the thread holding the GIL runs Python bytecode, so the CPU parts of a thread pool run one at a time.',
    '스레드가 CPU 위주 파이썬 코드를 병렬로 실행한다고 생각함. GIL을 가진 스레드만 바이트코드를 실행하므로 스레드 풀의 CPU 부분은 한 번에 하나씩 돕니다.',
  ),
  threadsUselessIo: m(
    'pool.threads-useless-for-io',
    'Because of the GIL, threads do not help I/O-bound work either. Blocking I/O and sleep release the GIL, so waiting threads overlap.',
    'GIL 때문에 I/O 위주 작업에도 스레드가 소용없다고 생각함. 블로킹 I/O와 sleep은 GIL을 놓으므로 기다리는 스레드들은 겹쳐서 진행됩니다.',
  ),
  noStartupCost: m(
    'pool.no-startup-cost',
    'Starting the worker processes costs nothing. Creating a Pool starts its processes before any task can run; with little work that start-up is a large share of the total.',
    '워커 프로세스 시작에 비용이 없다고 생각함. Pool을 만들면 작업을 돌리기 전에 프로세스부터 띄우며, 작업이 적으면 이 시작 비용이 전체의 큰 몫입니다.',
  ),
  perfectSpeedup: m(
    'pool.perfect-speedup',
    'N workers make the work N times faster. Only the work is divided; start-up, pickling and pipe transfer are added, and the task handler sends the messages one after another.',
    '워커 N개면 N배 빨라진다고 생각함. 나뉘는 것은 작업뿐이고, 시작 비용·pickle·파이프 전송은 더해지며 작업 메시지는 작업 핸들러가 하나씩 차례로 보냅니다.',
  ),
  messagesFree: m(
    'pool.messages-free',
    'Only the bytes of a message cost time. Each message also has a fixed cost (pickling call, write, wake-up, unpickling), which dominates when items are small and chunksize is 1.',
    '메시지는 바이트 수만큼만 시간이 든다고 생각함. 메시지마다 고정 비용(pickle 호출, write, 깨우기, unpickle)이 있고, 항목이 작고 chunksize가 1이면 이것이 지배적입니다.',
  ),
  mapChunkOne: m(
    'pool.map-chunksize-one',
    'map sends one item per message, like imap. Without chunksize, map computes chunksize = ceil(len / (4 × workers)); only imap and imap_unordered default to 1.',
    'map도 imap처럼 항목마다 메시지 하나를 보낸다고 생각함. chunksize가 없으면 map은 chunksize = ceil(len / (4 × 워커 수))로 계산합니다. 기본값 1은 imap과 imap_unordered뿐입니다.',
  ),
  oneChunkPerWorker: m(
    'pool.one-chunk-per-worker',
    'map splits the data into one chunk per worker. The default aims at about four chunks per worker: chunksize = ceil(len / (4 × workers)).',
    'map이 데이터를 워커마다 한 덩어리로 나눈다고 생각함. 기본값은 워커당 약 4개의 청크를 목표로 chunksize = ceil(len / (4 × 워커 수))입니다.',
  ),
  fourChunksPerWorker: m(
    'pool.four-chunks-per-worker',
    'map always makes 4 × workers chunks. It makes chunks of ceil(len / (4 × workers)) items, so the number of chunks is ceil(len / chunksize), which is often fewer than 4 × workers.',
    'map이 항상 워커 수 × 4개의 청크를 만든다고 생각함. 청크 크기가 ceil(len / (4 × 워커 수))이므로 청크 수는 ceil(len / chunksize)이고, 워커 수 × 4보다 적은 경우가 많습니다.',
  ),
  oneChunkBest: m(
    'pool.one-chunk-best',
    'Fewer messages is always faster, so the largest chunksize wins. With few chunks, some workers sit idle while others work through long chunks; the best chunksize balances the per-message cost against keeping every worker busy.',
    '메시지가 적을수록 항상 빠르니 가장 큰 chunksize가 이긴다고 생각함. 청크가 적으면 어떤 워커가 긴 청크를 처리하는 동안 다른 워커는 놉니다. 가장 좋은 chunksize는 메시지당 비용과 모든 워커를 바쁘게 하는 것 사이의 균형입니다.',
  ),
  imapDefaultChunk: m(
    'pool.imap-uses-map-default',
    'imap picks a chunksize like map does. imap (and imap_unordered) default to chunksize=1: one message per item.',
    'imap도 map처럼 chunksize를 계산한다고 생각함. imap(과 imap_unordered)의 기본값은 chunksize=1, 즉 항목마다 메시지 하나입니다.',
  ),
  lastChunkDropped: m(
    'pool.last-chunk-dropped',
    'Only full chunks are sent (n // chunksize messages). The last, shorter chunk is a task of its own: ceil(n / chunksize) messages.',
    '꽉 찬 청크만 보낸다고(n // chunksize개) 생각함. 마지막의 짧은 청크도 별도의 작업이므로 ceil(n / chunksize)개입니다.',
  ),
  resultsOneMessage: m(
    'pool.results-one-message',
    'All results come back in one message. Each task is answered by its own result message (job, i, (True, value)).',
    '결과가 메시지 하나로 한꺼번에 돌아온다고 생각함. 작업마다 결과 메시지 (job, i, (True, value))가 따로 돌아옵니다.',
  ),
  functionSentOnce: m(
    'pool.function-sent-once',
    'The function is sent once per map call. Every task message carries the function reference (module and name) again: (job, i, mapstar, ((func, chunk),), {}).',
    '함수는 map 호출당 한 번만 보낸다고 생각함. 모든 작업 메시지가 함수 참조(모듈과 이름)를 다시 담습니다: (job, i, mapstar, ((func, chunk),), {}).',
  ),
  noLengthHeader: m(
    'pool.no-length-header',
    'A message is just the pickle. Connection.send_bytes writes a 4-byte length header before every payload.',
    '메시지는 pickle 바이트뿐이라고 생각함. Connection.send_bytes는 모든 페이로드 앞에 4바이트 길이 헤더를 씁니다.',
  ),
  onlyData: m(
    'pool.only-data-is-sent',
    'Only the data items cross the pipe. Each task also carries the job id, the task index, mapstar, the function reference and an empty kwargs dict.',
    '데이터 항목만 파이프를 지난다고 생각함. 작업마다 job id, 작업 번호, mapstar, 함수 참조, 빈 kwargs dict도 함께 갑니다.',
  ),
  resultsFree: m(
    'pool.results-free',
    'Results do not cross a pipe. Every result message goes from the worker to the parent through the result pipe, with its own header and pickle.',
    '결과는 파이프를 지나지 않는다고 생각함. 모든 결과 메시지는 워커에서 부모로 결과 파이프를 지나며, 헤더와 pickle을 따로 가집니다.',
  ),
  pickleChars: m(
    'pool.pickle-counts-characters',
    'pickle stores a str with one byte per character. It stores UTF-8: each Korean syllable takes 3 bytes.',
    'pickle이 문자열을 글자당 1바이트로 저장한다고 생각함. UTF-8로 저장하므로 한글 한 글자는 3바이트입니다.',
  ),
  pickleNoMemo: m(
    'pool.pickle-repeats-objects',
    'pickle writes an object again every time it appears. The second time the same object (same id) appears in one pickle, it is a 2-byte BINGET reference to the memo.',
    'pickle이 같은 객체를 나올 때마다 다시 쓴다고 생각함. 한 pickle 안에서 같은 객체(같은 id)가 다시 나오면 2바이트 BINGET 참조로 씁니다.',
  ),
  pickleFixedInt: m(
    'pool.pickle-fixed-size-ints',
    'pickle writes every int in a fixed 4 bytes (plus opcode). Small ints are shorter: 0–255 take 2 bytes (BININT1), 256–65535 take 3 (BININT2).',
    'pickle이 모든 int를 고정 4바이트(+opcode)로 쓴다고 생각함. 작은 수는 더 짧습니다: 0–255는 2바이트(BININT1), 256–65535는 3바이트(BININT2).',
  ),
  pickleNoFrame: m(
    'pool.pickle-no-headers',
    'A pickle is only the opcodes of the value. Protocol 4 adds PROTO (2 bytes), a 9-byte FRAME header when the body is 4 bytes or more, and STOP.',
    'pickle은 값의 opcode만으로 이루어진다고 생각함. 프로토콜 4는 PROTO(2바이트), 본문이 4바이트 이상이면 9바이트 FRAME 헤더, 그리고 STOP을 붙입니다.',
  ),
  pipeAlwaysDuplex: m(
    'pool.pipe-always-two-way',
    'Both ends of any Pipe can send and receive. Only `Pipe()` (duplex, a socketpair) is two-way; `Pipe(duplex=False)` is an os.pipe(): its first end only receives and its second only sends, and the wrong call raises OSError ("connection is read-only" / "write-only").',
    '어떤 Pipe든 양쪽 끝 모두 보내고 받을 수 있다고 생각함. 양방향은 `Pipe()`(duplex, socketpair)뿐입니다. `Pipe(duplex=False)`는 os.pipe()이며 첫 번째 끝은 받기만, 두 번째 끝은 보내기만 합니다. 반대 호출은 OSError("connection is read-only" / "write-only")를 일으킵니다.',
  ),
  pipeFirstEndSends: m(
    'pool.pipe-first-end-sends',
    '`Pipe(duplex=False)` returns (sending end, receiving end). Like os.pipe(), it returns (reader, writer): the first connection only receives, the second only sends.',
    '`Pipe(duplex=False)`가 (보내는 끝, 받는 끝)을 돌려준다고 생각함. os.pipe()처럼 (reader, writer)를 돌려줍니다. 첫 번째 연결은 받기만, 두 번째 연결은 보내기만 합니다.',
  ),
} as const satisfies Record<string, Misconception>;

export const poolMisconceptionById: Readonly<Record<string, Misconception>> = Object.fromEntries(
  Object.values(poolMisconceptions).map((x) => [x.id, x]),
);
