'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { sessionUserId } from '@/lib/auth/session';
import { joinClassByCode } from '@/lib/db/classes';
import { isFormData } from '@/lib/http/form-data';

const joinInput = z.object({ code: z.string().trim().min(4).max(32) });

export type JoinState =
  | { status: 'idle' }
  | { status: 'joined' | 'already'; className: string }
  | { status: 'unknown-code' }
  | { status: 'students-only' }
  | { status: 'invalid' }
  | { status: 'unauthorized' }
  | { status: 'error' };

export async function joinClass(_prev: JoinState, formData: FormData): Promise<JoinState> {
  if (!isFormData(formData)) return { status: 'invalid' };
  const userId = await sessionUserId();
  if (!userId) return { status: 'unauthorized' };
  const parsed = joinInput.safeParse({ code: formData.get('code') ?? '' });
  if (!parsed.success) return { status: 'invalid' };
  try {
    const result = await joinClassByCode(userId, parsed.data.code);
    revalidatePath('/classes');
    return result;
  } catch (error) {
    console.error('joinClass failed', error);
    return { status: 'error' };
  }
}
