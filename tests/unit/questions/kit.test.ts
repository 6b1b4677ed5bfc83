import { describe, expect, it } from 'vitest';
import { finalConsonant, hamnida, josa, option, PARTICLE, search } from '@/lib/questions/kit';
import { createRng } from '@/lib/sim/rng';

describe('josa: the particle that fits how a word is read', () => {
  it('reads Hangul syllables, digits and Python literals', () => {
    expect(josa('부모', PARTICLE.eun)).toBe('부모는');
    expect(josa('자식', PARTICLE.i)).toBe('자식이');
    expect(josa('T1', PARTICLE.eun)).toBe('T1은');
    expect(josa('T2', PARTICLE.eul)).toBe('T2를');
    expect(josa(10, PARTICLE.gwa)).toBe('10과');
    expect(josa('None', PARTICLE.i)).toBe('None이');
    expect(josa('True', PARTICLE.i)).toBe('True가');
  });

  it('says what it does with a word whose reading it does not know', () => {
    expect(finalConsonant('Box')).toBeUndefined();
    expect(josa('Box', PARTICLE.eul)).toBe('Box을(를)');
    expect(josa('lock', PARTICLE.eun, 'letters')).toBe('lock은');
    expect(josa('Box', PARTICLE.eul, 'letters')).toBe('Box를');
    expect(josa('Box', PARTICLE.eul, 'vowel')).toBe('Box를');
    expect(josa('pool', PARTICLE.ro, 'letters')).toBe('pool로');
    expect(josa('lock', PARTICLE.ro, 'letters')).toBe('lock으로');
  });

  it('lets es-hangul decide for Hangul, including 받침 ㄹ before (으)로 and double 받침', () => {
    expect(josa('락', PARTICLE.eul)).toBe('락을');
    expect(josa('스레드', PARTICLE.gwa)).toBe('스레드와');
    expect(josa('프레임', PARTICLE.gwa)).toBe('프레임과');
    expect(josa('파일', PARTICLE.ro)).toBe('파일로');
    expect(josa('페이지 테이블', PARTICLE.ro)).toBe('페이지 테이블로');
    expect(josa('부모', PARTICLE.ro)).toBe('부모로');
    expect(josa('값', PARTICLE.i)).toBe('값이');
    expect(finalConsonant('값')).toBe(true);
  });

  it('reads every last digit as Koreans do: 영 일 이 삼 사 오 육 칠 팔 구', () => {
    expect(Array.from({ length: 10 }, (_, d) => josa(d, PARTICLE.eun))).toEqual(['0은', '1은', '2는', '3은', '4는', '5는', '6은', '7은', '8은', '9는']);
    expect(Array.from({ length: 10 }, (_, d) => josa(d, PARTICLE.ro))).toEqual(['0으로', '1로', '2로', '3으로', '4로', '5로', '6으로', '7로', '8로', '9로']);
    expect(josa('프레임 10', PARTICLE.eul)).toBe('프레임 10을');
    expect(josa('L1', PARTICLE.i)).toBe('L1이');
  });
});

describe('hamnida: plain-style endings in the formal polite style', () => {
  it('turns verb, adjective and copula endings into 합니다체, by the final consonant of the stem', () => {
    expect(hamnida('커널이 프레임을 할당한다. 자식이 p[0]에 쓴다.')).toBe('커널이 프레임을 할당합니다. 자식이 p[0]에 씁니다.');
    expect(hamnida('엔트리를 읽는다. 복사는 없다. 쓰기 가능하다 (프레임 1).')).toBe('엔트리를 읽습니다. 복사는 없습니다. 쓰기 가능합니다 (프레임 1).');
    expect(hamnida('손자를 만든다: 참조 수는 3개다. 페이지 수다.')).toBe('손자를 만듭니다: 참조 수는 3개입니다. 페이지 수입니다.');
    expect(hamnida('커널이 해제했다. 참조가 이것 하나뿐이다.')).toBe('커널이 해제했습니다. 참조가 이것 하나뿐입니다.');
  });

  it('turns questions and commands, and leaves 합니다체 and quoted clauses alone', () => {
    expect(hamnida('무슨 일이 일어나는가? 참조 수는 얼마인가? 몇 번 아끼는가?')).toBe('무슨 일이 일어납니까? 참조 수는 얼마입니까? 몇 번 아낍니까?');
    expect(hamnida('모두 고르시오.')).toBe('모두 고르십시오.');
    expect(hamnida('이미 합니다. 고르십시오.')).toBe('이미 합니다. 고르십시오.');
    expect(hamnida('2단계(부모가 p[0]에 쓴다)에서 할당된 프레임이다.')).toBe('2단계(부모가 p[0]에 쓴다)에서 할당된 프레임입니다.');
    expect(hamnida('page fault: frame 3 (no copy).')).toBe('page fault: frame 3 (no copy).');
  });

  it('turns …ㄴ가?, …나? and 해요체 questions and requests, and a statement before an opening parenthesis', () => {
    expect(hamnida('다른가? 빌드가 몇 개 필요한가?')).toBe('다릅니까? 빌드가 몇 개 필요합니까?');
    expect(hamnida('락은 누가 잡고 있나? 무엇을 반환하나? 무엇이 출력되나? 얼마나 걸리나?')).toBe('락은 누가 잡고 있습니까? 무엇을 반환합니까? 무엇이 출력됩니까? 얼마나 걸립니까?');
    expect(hamnida('언제 반환하나요? 어떤 예외인가요? 어떻게 되나요? 모두 고르세요.')).toBe('언제 반환합니까? 어떤 예외입니까? 어떻게 됩니까? 모두 고르십시오.');
    expect(hamnida('하나가 대상으로 한다(glibc 빌드는 가장 오래된 glibc에 맞춰 만든다).')).toBe('하나가 대상으로 합니다(glibc 빌드는 가장 오래된 glibc에 맞춰 만듭니다).');
    expect(hamnida('스레드 하나? 나? 청크마다 (0, i). 같다(==)고 해도')).toBe('스레드 하나? 나? 청크마다 (0, i). 같다(==)고 해도');
  });
});

describe('option and search', () => {
  it('adds code and misconception keys only when given', () => {
    expect(option('a', 'x')).toEqual({ id: 'a', label: { en: 'x', ko: 'x' } });
    expect(Object.keys(option('a', 'x', { id: 'm', text: { en: 'm', ko: 'm' } }, true))).toEqual(['id', 'label', 'code', 'misconception']);
  });

  it('falls back after the tries run out, and is deterministic in the rng', () => {
    expect(search(createRng(1), () => null, () => 'fallback', 5)).toBe('fallback');
    const pick = (seed: number) => search(createRng(seed), (r) => (r.int(0, 9) > 6 ? r.int(0, 1000) : null), () => -1);
    expect(pick(7)).toBe(pick(7));
  });
});
