// The card-state fields (lib/srs/card-state.ts) are also the stored card's columns: the
// Prisma schema lists them a second time, so this checks that the two lists agree.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { Prisma, type Card } from '@/generated/prisma/client';
import { CARD_STATE_FIELDS, type CardState, type CardStateField } from '@/lib/srs/card-state';

describe('Card columns', () => {
  it('are the card-state fields plus ids, timestamps and the skill browser’s suspend and bury, nothing missing', () => {
    const columns = Object.values(Prisma.CardScalarFieldEnum);
    const others = columns.filter((c) => !(CARD_STATE_FIELDS as readonly string[]).includes(c));
    expect(others.sort()).toEqual(['buriedUntil', 'createdAt', 'generator', 'id', 'suspended', 'updatedAt', 'userId']);
    expect(columns.filter((c) => (CARD_STATE_FIELDS as readonly string[]).includes(c))).toEqual([...CARD_STATE_FIELDS]);
  });

  it('have the types of the card-state fields', () => {
    expectTypeOf<Readonly<Pick<Card, CardStateField>>>().toEqualTypeOf<CardState>();
  });
});
