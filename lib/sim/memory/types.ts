/**
 * State and operations of the virtual-memory simulator: processes with page tables over
 * private and shared anonymous mappings, physical frames with reference counts, and the
 * counters a copy-on-write question asks about.
 *
 * Linux names, for orientation: a page-table entry (PTE) maps a virtual page to a frame
 * (PFN); a "reference count" here is the number of PTEs mapping a frame, which is what
 * the kernel calls the map count and reports in /proc/kpagecount. Frame numbers are
 * model numbers, handed out 1, 2, 3, … in allocation order; frame 0 is the shared zero page.
 */

export const PAGE_SIZE = 4096;

/** The model's number for the kernel's shared zero page (never allocated, never freed). */
export const ZERO_FRAME = 0;

export type ProcessId = string;
export type MappingKind = 'private' | 'shared';

/** One page-table entry. Absent entries mean "not present" (the next access faults). */
export interface Pte {
  readonly frame: number;
  /** The hardware write bit. A present, read-only entry in a private mapping is copy-on-write. */
  readonly writable: boolean;
}

/** A virtual memory area: `pages` pages starting at virtual page `base`. */
export interface Mapping {
  readonly name: string;
  readonly kind: MappingKind;
  readonly base: number;
  readonly pages: number;
  /**
   * Private mappings only: the pages whose area (VMA) has an `anon_vma`, i.e. the area
   * held a private frame at some point (a write fault allocated one). Linux's fork copies
   * the page-table entries of a private area only if it has one (`vma_needs_copy`);
   * otherwise the child starts with no entries there and faults the pages in again (the
   * zero page on a read). munmap splits an area in two and both halves keep the flag;
   * a later allocation sets it only for the piece it happens in.
   */
  readonly anonVma: readonly number[];
  /** Shared mappings only: the shmem object whose page cache holds the frames. */
  readonly object?: number;
  /** Virtual pages removed from the area by munmap. */
  readonly holes: readonly number[];
}

export type ProcessStatus = 'running' | 'exited';

export interface Process {
  readonly pid: ProcessId;
  readonly parent: ProcessId | null;
  readonly status: ProcessStatus;
  /** True once the process called exec: its old address space is gone. */
  readonly execed: boolean;
  readonly mappings: readonly Mapping[];
  /** Virtual page → entry. */
  readonly ptes: ReadonlyMap<number, Pte>;
}

export type FrameKind = 'anon' | 'shmem';

export interface Frame {
  readonly id: number;
  readonly kind: FrameKind;
  /** Number of page-table entries (over all processes) mapping this frame. */
  readonly refcount: number;
  /** The byte the scenario stored in the page ('\0' for a zero-filled page). */
  readonly value: string;
  /** shmem frames: owning object and page index in it. */
  readonly object?: number;
  readonly objectPage?: number;
}

/** A MAP_SHARED anonymous mapping's backing object (shmem): its page cache outlives PTEs. */
export interface SharedObject {
  readonly id: number;
  readonly pages: number;
  /** Page index → frame. */
  readonly frames: ReadonlyMap<number, number>;
  /** Live mappings of the object, over all processes. */
  readonly users: number;
}

export interface MemoryCounters {
  /** Page faults taken (read and write, any kind). */
  readonly pageFaults: number;
  /** Copy-on-write copies: a frame allocated and filled with another frame's bytes. */
  readonly copies: number;
  readonly bytesCopied: number;
  /** Frames allocated zero-filled (first write, or write over the zero page). */
  readonly zeroFills: number;
  /** Copy-on-write faults resolved by reusing the frame (sole reference left). */
  readonly reuses: number;
}

export interface MemoryState {
  readonly processes: readonly Process[];
  readonly frames: ReadonlyMap<number, Frame>;
  readonly objects: ReadonlyMap<number, SharedObject>;
  readonly nextFrame: number;
  readonly nextObject: number;
  readonly counters: MemoryCounters;
}

export type MemoryOp =
  | {
      readonly kind: 'map';
      readonly pid: ProcessId;
      readonly name: string;
      readonly base: number;
      readonly pages: number;
      readonly shared: boolean;
    }
  | { readonly kind: 'read'; readonly pid: ProcessId; readonly vpage: number }
  | { readonly kind: 'write'; readonly pid: ProcessId; readonly vpage: number; readonly value: string }
  | { readonly kind: 'fork'; readonly pid: ProcessId; readonly child: ProcessId }
  | { readonly kind: 'exec'; readonly pid: ProcessId }
  | { readonly kind: 'exit'; readonly pid: ProcessId }
  | { readonly kind: 'munmap'; readonly pid: ProcessId; readonly vpage: number; readonly pages: number };

/** What an access did. */
export type AccessOutcome =
  /** Present entry with the needed permission: no fault. */
  | 'hit'
  /** Read of an untouched private page: fault, the zero page is mapped read-only. */
  | 'zero-map'
  /** Write to an untouched private page: fault, a zero-filled frame is allocated. */
  | 'alloc'
  /** Write over the zero page: fault, a zero-filled frame replaces it (nothing copied). */
  | 'zero-fill'
  /** Write to a copy-on-write page with other references: fault, allocate and copy. */
  | 'cow-copy'
  /** Write to a copy-on-write page that has one reference left: fault, made writable in place. */
  | 'cow-reuse'
  /** Shared mapping, entry not present: fault, the object's frame is mapped. */
  | 'shared-map'
  /** Shared mapping, page never touched by anyone: fault, the object allocates a frame. */
  | 'shared-alloc';

export interface StepEvent {
  readonly op: MemoryOp;
  readonly fault: boolean;
  readonly outcome?: AccessOutcome;
  /** The frame the access ended on. */
  readonly frame?: number;
  /** The frame mapped before the access (copy source / replaced zero page). */
  readonly fromFrame?: number;
  /** The byte a read returned. */
  readonly value?: string;
  /** Frames whose last reference went away during the step. */
  readonly freed: readonly number[];
  /** Frames allocated during the step. */
  readonly allocated: readonly number[];
  /** Shared read fault: neighbouring pages mapped by fault-around (already in the page cache). */
  readonly mappedAround?: readonly number[];
  /** fork: frames whose reference count rose. */
  readonly shared?: readonly number[];
}

/**
 * The kernel's behaviour, as switches. `LINUX_RULES` is what Linux does; the other
 * settings are the misconceptions distractors are computed from.
 */
export interface MemoryRules {
  /** Linux: a copy-on-write fault on a frame with one reference reuses it (no copy). */
  readonly reuseSoleReference: boolean;
  /** Misconception: fork copies every resident page immediately. */
  readonly eagerForkCopy: boolean;
  /** Misconception: reading an untouched page allocates a frame (no zero page). */
  readonly readAllocates: boolean;
  /** Misconception: an exited process keeps its references until the parent waits. */
  readonly exitKeepsReferences: boolean;
  /** Misconception: exec keeps the old address space's frames referenced. */
  readonly execKeepsReferences: boolean;
}

export const LINUX_RULES: MemoryRules = {
  reuseSoleReference: true,
  eagerForkCopy: false,
  readAllocates: false,
  exitKeepsReferences: false,
  execKeepsReferences: false,
};
