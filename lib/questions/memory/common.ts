/**
 * Shared vocabulary of the copy-on-write generators: process names, page names, how an
 * operation is described, the misconceptions distractors stand for, and the assumptions
 * every scenario states.
 */
import type { MemoryOp, ProcessId } from '@/lib/sim/memory/types';
import { GLOSSARY, processName } from '@/lib/i18n/glossary';
import { josa, PARTICLE } from '../kit';
import type { Localized, Misconception } from '../types';


/** Virtual page where the private region `p` starts. */
export const PRIVATE_BASE = 0;
/** Virtual page where the MAP_SHARED region `s` starts. */
export const SHARED_BASE = 8;

/** A scenario process's display name (parent, child, second child, grandchild), from the glossary. */
export function procName(pid: ProcessId): Localized {
  return { en: processName(pid, 'en'), ko: processName(pid, 'ko') };
}

/** How a prompt names the private region p: as first published (`before`), from version 3 by the glossary's term. */
export function privateMappingKo(version: MemoryVersion, before = '사적 익명 영역 p'): string {
  return version >= 3 ? `${GLOSSARY.privateAnonymousMapping.ko} p` : before;
}

/** Korean process name with the subject particle: 부모가, 자식이. */
export function procKo(pid: ProcessId, kind: 'subject' | 'topic' | 'object' = 'subject'): string {
  const pair = kind === 'subject' ? PARTICLE.i : kind === 'topic' ? PARTICLE.eun : PARTICLE.eul;
  return josa(procName(pid).ko, pair, 'vowel');
}

/** `p[2]` or `s[0]`: how a virtual page is named in prompts and code. */
export function pageName(vpage: number): string {
  return vpage >= SHARED_BASE ? `s[${vpage - SHARED_BASE}]` : `p[${vpage - PRIVATE_BASE}]`;
}

/** The C expression addressing a page's first byte. */
export function pageExpr(vpage: number): string {
  return vpage >= SHARED_BASE ? `s[${vpage - SHARED_BASE} * PAGE]` : `p[${vpage - PRIVATE_BASE} * PAGE]`;
}

/** How a page's byte is shown: the character, or \\0 for a zero-filled page. */
export function showByte(value: string): string {
  return value === '\0' ? '\\0' : value;
}

/** A byte as a C character literal: 'A', or '\0' for a zero-filled page. */
export function quoteByte(value: string): string {
  return `'${showByte(value)}'`;
}

/** Language-neutral code for one step, as shown in the steps table. */
export function opCode(op: MemoryOp, step: number): string {
  switch (op.kind) {
    case 'map':
      return `${op.name} = mmap(${op.pages} page${op.pages === 1 ? '' : 's'}, ${op.shared ? 'MAP_SHARED' : 'MAP_PRIVATE'} | MAP_ANONYMOUS)`;
    case 'read':
      return `v${step} = ${pageName(op.vpage)}`;
    case 'write':
      return `${pageName(op.vpage)} = ${quoteByte(op.value)}`;
    case 'fork':
      return 'fork()';
    case 'exec':
      return 'execl("/bin/true", …)';
    case 'exit':
      return '_exit(0)';
    case 'munmap':
      return `munmap(&${pageName(op.vpage)}, ${op.pages} page${op.pages > 1 ? 's' : ''})`;
  }
}

/**
 * A sentence-fragment description of a step: "the child writes 'B' to p[0]". From version 3 a
 * mapping is named by the glossary's terms (비공개 익명 매핑) instead of "사적 … 영역".
 */
export function opText(op: MemoryOp, version: MemoryVersion = 2): Localized {
  const who = procName(op.pid);
  switch (op.kind) {
    case 'map':
      if (version >= 3) {
        const kind = op.shared ? GLOSSARY.sharedAnonymousMapping : GLOSSARY.privateAnonymousMapping;
        return {
          en: `the ${who.en} creates a ${kind.en} ${op.name} of ${op.pages} page${op.pages > 1 ? 's' : ''} (${op.shared ? 'MAP_SHARED' : 'MAP_PRIVATE'})`,
          ko: `${procKo(op.pid)} 페이지 ${op.pages}개짜리 ${kind.ko}(${op.shared ? 'MAP_SHARED' : 'MAP_PRIVATE'}) ${op.name}를 만든다`,
        };
      }
      return {
        en: `the ${who.en} maps ${op.pages} ${op.shared ? 'shared (MAP_SHARED)' : 'private (MAP_PRIVATE)'} anonymous pages as ${op.name}`,
        ko: `${procKo(op.pid)} ${op.shared ? '공유(MAP_SHARED)' : '사적(MAP_PRIVATE)'} 익명 페이지 ${op.pages}개를 ${op.name} 영역으로 매핑한다`,
      };
    case 'read':
      return { en: `the ${who.en} reads ${pageName(op.vpage)}`, ko: `${procKo(op.pid)} ${pageName(op.vpage)}에서 읽는다` };
    case 'write':
      return {
        en: `the ${who.en} writes ${quoteByte(op.value)} to ${pageName(op.vpage)}`,
        ko: `${procKo(op.pid)} ${pageName(op.vpage)}에 ${quoteByte(op.value)} 값을 쓴다`,
      };
    case 'fork':
      return {
        en: `the ${who.en} calls fork(), creating the ${procName(op.child).en}`,
        ko: `${procKo(op.pid)} fork()를 호출해 ${procKo(op.child, 'object')} 만든다`,
      };
    case 'exec':
      return { en: `the ${who.en} calls exec (/bin/true)`, ko: `${procKo(op.pid)} exec(/bin/true)를 호출한다` };
    case 'exit':
      return { en: `the ${who.en} exits`, ko: `${procKo(op.pid)} 종료한다` };
    case 'munmap':
      return { en: `the ${who.en} unmaps ${pageName(op.vpage)}`, ko: `${procKo(op.pid)} ${pageName(op.vpage)} 페이지를 munmap한다` };
  }
}

/** "Step 3: the child writes 'B' to p[0]", used as the snapshot label of the memory view. */
export function stepLabel(op: MemoryOp, step: number, version: MemoryVersion = 2): Localized {
  const t = opText(op, version);
  return { en: `Step ${step}: ${t.en}`, ko: `${step}단계: ${t.ko}` };
}

// ------------------------------------------------------------------ misconceptions

function m(id: string, en: string, ko: string): Misconception {
  return { id, text: { en, ko } };
}

/** Misconceptions about copy-on-write, several taken from slips in the study notes. */
export const MISCONCEPTIONS = {
  forkCopiesAll: m(
    'cow-fork-copies-all',
    'fork() copies every page of the parent right away.',
    'fork()가 부모의 모든 페이지를 즉시 복사한다.',
  ),
  cowAlwaysCopies: m(
    'cow-always-copies',
    'A write to a copy-on-write page always copies it, even when no other process maps the frame any more (the notes say the allocation "can be skipped"; Linux does skip it).',
    '쓰기 시 복사 페이지에 쓰면 다른 프로세스가 더 이상 그 프레임을 매핑하지 않아도 항상 복사한다고 생각함 (노트의 "allocation can be skipped"; 리눅스는 실제로 복사를 생략한다).',
  ),
  childGetsCopy: m(
    'cow-child-gets-copy',
    'The child always gets the copy and the parent keeps the original frame, whoever writes.',
    '누가 쓰든 항상 자식이 복사본을 받고 부모는 원래 프레임을 유지한다.',
  ),
  writerKeepsOriginal: m(
    'cow-writer-keeps-original',
    'The writing process keeps the original frame and the other process is moved to a copy.',
    '쓰는 프로세스가 원래 프레임을 유지하고 다른 프로세스가 복사본으로 옮겨진다.',
  ),
  readAllocates: m(
    'cow-read-allocates',
    'Reading an untouched page allocates a frame for it (Linux maps the shared zero page instead).',
    '한 번도 건드리지 않은 페이지를 읽으면 프레임이 할당된다 (리눅스는 공유 제로 페이지를 매핑한다).',
  ),
  zeroPageCounted: m(
    'cow-zero-page-counted',
    "The shared zero page counts as one of the process's frames.",
    '공유 제로 페이지를 프로세스의 프레임으로 센다.',
  ),
  exitKeepsRefs: m(
    'cow-exit-keeps-refs',
    "An exited child's pages stay referenced until the parent calls wait().",
    '종료한 자식의 페이지는 부모가 wait()를 호출할 때까지 참조가 남아 있다.',
  ),
  exitRestoresWrite: m(
    'cow-exit-restores-write',
    "When the other process exits, the survivor's entries become writable again at once (they stay read-only until the next write fault).",
    '다른 프로세스가 종료하면 남은 프로세스의 엔트리가 즉시 다시 쓰기 가능해진다 (실제로는 다음 쓰기 폴트까지 읽기 전용).',
  ),
  exitFreesForSurvivor: m(
    'cow-exit-frees-all',
    'When one sharer exits, the survivor owns every frame it shared, even frames a third process still maps.',
    '공유하던 한 프로세스가 종료하면, 세 번째 프로세스가 아직 매핑하는 프레임까지 포함해 남은 프로세스가 모든 프레임을 독차지한다.',
  ),
  exitDropsShared: m(
    'cow-exit-drops-shared',
    "An exiting process frees the frames it shared, so the survivor's page starts over as a fresh zero-filled frame.",
    '종료하는 프로세스가 공유하던 프레임을 해제하므로 남은 프로세스의 페이지는 0으로 채운 새 프레임에서 다시 시작한다.',
  ),
  everyWriteFaults: m(
    'cow-every-write-faults',
    'Every write after fork faults, even to a page the process has already made its own.',
    'fork 이후의 모든 쓰기가 폴트를 일으킨다 (이미 자기 것이 된 페이지에 쓰는 경우도).',
  ),
  everyWriteCopies: m(
    'cow-every-write-copies',
    'Every write after fork copies a page, even one already private to the writer.',
    'fork 이후의 모든 쓰기가 페이지를 복사한다 (이미 쓰는 쪽 전용인 페이지도).',
  ),
  zeroPageCopied: m(
    'cow-zero-page-copied',
    'A first write to an untouched (or only read) page copies some data; Linux just allocates a zero-filled frame.',
    '건드리지 않았거나 읽기만 한 페이지에 처음 쓰면 데이터가 복사된다고 생각함; 리눅스는 0으로 채운 프레임을 할당할 뿐이다.',
  ),
  faultlessCow: m(
    'cow-no-fault',
    'A write to a read-only copy-on-write page does not fault (the copy happens without the kernel).',
    '읽기 전용인 쓰기 시 복사 페이지에 써도 폴트가 나지 않는다 (커널 없이 복사가 일어난다).',
  ),
  privateVisible: m(
    'cow-private-visible',
    "After fork, a write to a MAP_PRIVATE page is seen by the other process (it is not: each process's private pages behave like its own copy).",
    'fork 이후 MAP_PRIVATE 페이지에 쓴 값이 다른 프로세스에도 보인다 (각 프로세스의 private 페이지는 자기만의 복사본처럼 동작한다).',
  ),
  sharedIsCow: m(
    'cow-shared-is-cow',
    'MAP_SHARED pages are copied on write after fork too, so the other process keeps the old value.',
    'MAP_SHARED 페이지도 fork 이후 쓰기 시 복사되어 다른 프로세스는 옛 값을 본다.',
  ),
  refcountPerProcess: m(
    'cow-refcount-ever',
    'A frame’s count is the number of processes that ever shared it, not the entries mapping it now.',
    '프레임의 참조 수는 지금 매핑하는 엔트리 수가 아니라 그 프레임을 공유했던 적이 있는 프로세스 수다.',
  ),
  execKeepsPages: m(
    'cow-exec-keeps-pages',
    "exec keeps the old address space's frames referenced.",
    'exec 후에도 옛 주소 공간의 프레임 참조가 남는다.',
  ),
} as const satisfies Record<string, Misconception>;

// ------------------------------------------------------------------ assumptions

/** The assumptions questions state (Question.assumptions); each is checked by the oracle. */
export const ASSUMPTIONS = {
  order: {
    en: 'Steps run strictly in their numbered order; the real program makes each process wait for its turn with pipes, so no scheduling choice changes the answer.',
    ko: '단계는 번호 순서대로만 실행된다. 실제 프로그램은 파이프로 각 프로세스가 차례를 기다리게 하므로 스케줄링이 답을 바꾸지 않는다.',
  },
  pages: {
    en: 'Pages are 4 KiB; transparent huge pages are off for the regions (madvise MADV_NOHUGEPAGE).',
    ko: '페이지는 4 KiB이고, 영역에는 투명 거대 페이지(THP)를 끈다 (madvise MADV_NOHUGEPAGE).',
  },
  zeroPage: {
    en: "Only frames backing the region's pages count; the kernel's shared zero page (mapped on a first read) is not counted.",
    ko: '영역의 페이지를 뒷받침하는 프레임만 센다. 첫 읽기 때 매핑되는 커널의 공유 제로 페이지는 세지 않는다.',
  },
  refcount: {
    en: "A frame's reference count here is the number of page-table entries (over all processes) that map it: Linux's map count, as /proc/kpagecount reports it.",
    ko: '여기서 프레임의 참조 수는 그 프레임을 매핑하는 (모든 프로세스의) 페이지 테이블 엔트리 수다. 리눅스의 map count이며 /proc/kpagecount가 보여 주는 값이다.',
  },
  numbering: {
    en: 'Frames are numbered in allocation order (frame 1 is the first one allocated); real frame numbers (PFNs) differ.',
    ko: '프레임은 할당된 순서대로 번호를 붙인다 (처음 할당된 것이 프레임 1). 실제 프레임 번호(PFN)는 다르다.',
  },
  /** Version 1's wording, kept so stored refs replay unchanged; `reuse` replaces it. */
  kernel: {
    en: 'Linux 5.8 and later: a write fault on a copy-on-write page whose frame has no other reference reuses the frame in place.',
    ko: '리눅스 5.8 이상: 다른 참조가 없는 쓰기 시 복사 페이지에 쓰기 폴트가 나면 프레임을 그 자리에서 재사용한다.',
  },
  reuse: {
    en: 'A write fault on a copy-on-write page whose frame nothing else references reuses the frame in place instead of copying. Linux has always done so; before 5.8 it judged "nothing else" by the number of mappings, since 5.8 by the page\'s reference count.',
    ko: '다른 무엇도 참조하지 않는 프레임의 쓰기 시 복사 페이지에 쓰기 폴트가 나면 복사하지 않고 그 프레임을 그 자리에서 재사용한다. 리눅스는 늘 그렇게 해 왔다. 5.8 이전에는 매핑 수로, 5.8부터는 페이지의 참조 수로 "다른 참조가 없음"을 판단한다.',
  },
  oneCpu: {
    en: 'Every process runs on one CPU (the real program pins them all to CPU 0). On several CPUs a page can still be held in another CPU\'s LRU batch at the fault, and the kernel then copies where it would otherwise reuse.',
    ko: '모든 프로세스는 CPU 하나에서 돈다 (실제 프로그램은 모두 CPU 0에 고정한다). CPU가 여럿이면 폴트 때 페이지가 다른 CPU의 LRU 배치에 아직 잡혀 있을 수 있고, 그러면 커널은 재사용할 자리에서 복사한다.',
  },
} as const satisfies Record<string, Localized>;

/**
 * The misconceptions as a version words them: from version 3, "always copies" no longer quotes
 * study notes the learner never saw. Ids are the same in every version (stats group by them).
 */
export function misconceptionsOf(version: MemoryVersion): typeof MISCONCEPTIONS {
  if (version < 3) return MISCONCEPTIONS;
  return {
    ...MISCONCEPTIONS,
    cowAlwaysCopies: m(
      'cow-always-copies',
      'A write to a copy-on-write page always copies it, even when no other process maps the frame any more (Linux skips the copy then and makes the entry writable again).',
      '쓰기 시 복사 페이지에 쓰면 다른 프로세스가 더 이상 그 프레임을 매핑하지 않아도 항상 복사한다고 생각함 (리눅스는 이때 복사를 생략하고 엔트리를 다시 쓰기 가능으로 만든다).',
    ),
  };
}

/**
 * What a question states about the kernel, by generator version: version 1 as first published;
 * from version 2 the corrected reuse rule and the one-CPU pinning the oracle uses.
 */
export function kernelAssumptions(version: MemoryVersion): Localized[] {
  return version === 1 ? [ASSUMPTIONS.kernel] : [ASSUMPTIONS.reuse, ASSUMPTIONS.oneCpu];
}

/** The Linux copy-on-write rule every question rests on (Explanation.rule). */
export const COW_RULE: Localized = {
  en: 'fork() gives the child the same frames as the parent and marks both page-table entries read-only. The first write by either process faults: if another entry still maps the frame, the kernel allocates a new frame, copies the page, maps it writable for the writer and drops one reference from the old frame; if the writer holds the only reference, the kernel just makes the entry writable again (no copy). An untouched page reads as the shared zero page; the first write allocates a zero-filled frame. exec and exit drop the whole address space.',
  ko: 'fork()는 자식에게 부모와 같은 프레임을 주고 양쪽 페이지 테이블 엔트리를 읽기 전용으로 만든다. 어느 쪽이든 처음 쓰면 폴트가 난다. 다른 엔트리가 아직 그 프레임을 매핑하면 커널은 새 프레임을 할당해 페이지를 복사하고, 쓰는 쪽에 쓰기 가능으로 매핑한 뒤 옛 프레임의 참조를 하나 줄인다. 쓰는 쪽이 유일한 참조라면 복사 없이 엔트리를 다시 쓰기 가능으로 만든다. 건드리지 않은 페이지를 읽으면 공유 제로 페이지가 보이고, 처음 쓸 때 0으로 채운 프레임이 할당된다. exec와 exit는 주소 공간 전체를 버린다.',
};

/**
 * The registered versions of every memory generator: the same scenarios and answers, version
 * 1 shown in display edition 1 with the old kernel wording (see display.ts), version 2 as
 * version 1 corrected, version 3 as version 2 worded for Korean learners (issue 16 §4): every
 * Korean text in 합니다체 (kit's hamnida), the glossary's terms, no quotes from study notes the
 * learner never saw, and no "freed: —" when nothing is freed. Version 4 is version 3 with the
 * shown program's comments in the learner's language (display edition 4) and, for
 * frames-after-step, which-writes-fault, frame-refcount and after-exit, scenarios and tags chosen
 * so that the generator's headline misconception is a wrong option (models.ts).
 */
export type MemoryVersion = 1 | 2 | 3 | 4;
