import type { TopicId } from '@/lib/questions/types';

/** Study topics in the order the drills show them. */
export const ALL_TOPICS: readonly TopicId[] = ['lock', 'event', 'daemon', 'cow', 'pool', 'compile', 'targets', 'objects'];
