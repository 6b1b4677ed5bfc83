import 'server-only';
import { prisma } from './client';

export interface SetItemInput {
  generator: string;
  tier: number;
  count: number;
}

export function listSets(instructorId: string) {
  return prisma.questionSet.findMany({
    where: { instructorId },
    orderBy: { updatedAt: 'desc' },
    select: { id: true, name: true, updatedAt: true, items: { orderBy: { position: 'asc' }, select: { generator: true, tier: true, count: true } } },
  });
}

export function findOwnSet(instructorId: string, setId: string) {
  return prisma.questionSet.findFirst({
    where: { id: setId, instructorId },
    select: { id: true, name: true, items: { orderBy: { position: 'asc' }, select: { id: true, generator: true, tier: true, count: true } } },
  });
}

export function createSet(instructorId: string, name: string, items: readonly SetItemInput[]) {
  return prisma.questionSet.create({
    data: { instructorId, name, items: { create: items.map((item, position) => ({ ...item, position })) } },
    select: { id: true },
  });
}

/** Replaces a set's name and items (in the given order) if the instructor owns it. */
export async function updateSet(instructorId: string, setId: string, name: string, items: readonly SetItemInput[]): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const owned = await tx.questionSet.findFirst({ where: { id: setId, instructorId }, select: { id: true } });
    if (!owned) return false;
    await tx.questionSetItem.deleteMany({ where: { setId } });
    await tx.questionSet.update({
      where: { id: setId },
      data: { name, items: { create: items.map((item, position) => ({ ...item, position })) } },
    });
    return true;
  });
}
