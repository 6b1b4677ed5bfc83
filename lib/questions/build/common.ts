/** What every build question states, the yes/no cells of its tables, and the scenario search. */
import type { Rng } from '@/lib/sim/rng';
import { L, search } from '../kit';
import type { Generated, Localized } from '../types';

/** Every build question rests on this: only native execution or an installed VM counts. */
export const NATIVE_ONLY: Localized = L(
  '“Runs” means it starts and executes natively: its machine code on this CPU through this OS’s loader, or its bytecode in a VM installed on the machine. Translation or emulation layers (Rosetta 2, x64 emulation on Windows on Arm, WSL, qemu-user, Wine) are out of scope and count as not running.',
  '“실행된다”는 네이티브로 시작해 실행된다는 뜻입니다: 이 OS의 로더를 거쳐 이 CPU에서 기계어가 실행되거나, 기기에 설치된 VM에서 바이트코드가 실행되는 것. 변환·에뮬레이션 계층(Rosetta 2, Windows on Arm의 x64 에뮬레이션, WSL, qemu-user, Wine)은 다루지 않으며 실행되지 않는 것으로 봅니다.',
);

export const YES = L('yes', '예');
export const NO = L('no', '아니요');

/**
 * `kit.search` over scenarios with their analysis (300 tries, as the build generators always
 * drew): `build` hands on what it worked out; the fallback's analysis comes from `analyze`.
 */
export function searchAnalyzed<S, A>(rng: Rng, build: (rng: Rng) => Generated<S, A> | null, fallback: () => S, analyze: (s: S) => A): Generated<S, A> {
  return search(
    rng,
    build,
    () => {
      const scenario = fallback();
      return { scenario, analysis: analyze(scenario) };
    },
    300,
  );
}
