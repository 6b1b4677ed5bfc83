/** The server actions of the build, as the fuzz needs them: one URL path per page, [params] filled. */
import path from 'node:path';
import { builtActions as actionsOfBuild } from '../actions';

export interface BuiltAction {
  id: string;
  name: string;
  /** URL paths of pages that include the action ([params] filled with an id-like value); `/` if none. */
  paths: string[];
}

const ROOT = path.resolve(__dirname, '../../..');

export function builtActions(): BuiltAction[] {
  return actionsOfBuild(ROOT).map(({ id, name, paths }) => ({
    id,
    name,
    paths: paths.length > 0 ? paths.map((p) => p.replace(/\[[^\]]+\]/g, 'c00000000000000000000000')) : ['/'],
  }));
}
