/** What every build question states, the yes/no cells of its tables, and the scenario search. */
import type { Rng } from '@/lib/sim/rng';
import { L, search } from '../kit';
import type { Generated, Localized } from '../types';

/** Every build question rests on this: only native execution or an installed VM counts. */
export const NATIVE_ONLY: Localized = L(
  '“Runs” means it starts and executes natively: its machine code on this CPU through this OS’s loader, or its bytecode in a VM installed on the machine. Translation or emulation layers (Rosetta 2, x64 emulation on Windows on Arm, WSL, qemu-user, Wine) are out of scope and count as not running.',
  '“실행된다”는 네이티브로 시작해 실행된다는 뜻입니다: 이 OS의 로더를 거쳐 이 CPU에서 기계어가 실행되거나, 기기에 설치된 VM에서 바이트코드가 실행되는 것. 변환·에뮬레이션 계층(Rosetta 2, Windows on Arm의 x64 에뮬레이션, WSL, qemu-user, Wine)은 다루지 않으며 실행되지 않는 것으로 봅니다.',
);

/**
 * What Lockstep checks with real tools on its own Linux machine (tests/oracle/build.test.ts)
 * and what it cannot, stated in every build question from the versions that carry it.
 */
export const CHECKED_HERE: Localized = L(
  'Checked with real tools on Lockstep’s Linux x86_64 machine: the ELF class and CPU (e_machine) of a C program built by gcc and by Debian’s aarch64 cross gcc, and whether each starts there; the .pyc magic number of the installed CPython; the class-file version of the installed javac. Not checkable there, so stated from the platforms’ documentation: Windows (PE) and macOS (Mach-O) files and their loaders, Apple’s arm64 calling convention, musl, glibc versions other than the installed one, and CPython and Java versions other than the installed ones.',
  'Lockstep의 리눅스 x86_64 기계에서 실제 도구로 확인한 것: gcc와 데비안 aarch64 크로스 gcc로 빌드한 C 프로그램의 ELF 클래스와 CPU(e_machine), 각각이 그 기계에서 시작되는지, 설치된 CPython의 .pyc 매직 넘버, 설치된 javac의 클래스 파일 버전. 그 기계에서 확인할 수 없어 각 플랫폼의 문서를 근거로 한 것: Windows(PE)와 macOS(Mach-O) 파일과 로더, Apple arm64 호출 규약, musl, 설치된 것 외의 glibc 버전, 설치된 것 외의 CPython과 Java 버전.',
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
