/** Progressive hints per exercise, read from hints/<exercise>.md (one `## Hint n — title` section each). */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Exercise, REPO_ROOT } from './exercises';

/** One hint: its title and its Markdown body. */
export interface Hint {
  title: string;
  body: string;
}

/** The hints of `exercise`, in order (hint 1 first). */
export function readHints(exercise: Exercise): Hint[] {
  const text = readFileSync(join(REPO_ROOT, 'hints', `${exercise.name}.md`), 'utf8');
  return text
    .split(/^## /m)
    .slice(1)
    .map((section) => {
      const [title, ...body] = section.split('\n');
      return { title: title.replace(/^Hint \d+\s*[—-]\s*/, '').trim(), body: body.join('\n').trim() };
    });
}
