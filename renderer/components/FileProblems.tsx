import type { ProblemData } from '../../shared/errors.ts';
import { describeProblem } from '../../shared/i18n/index.ts';
import { translate } from '../i18n.ts';

/** Why a file was refused: the sentence, then every problem with where it is (a path or a cell). */
export function FileProblems({ text, problems }: { text: string; problems: readonly ProblemData[] }) {
  return (
    <div className="form-problem" role="alert">
      <p>{text}</p>
      {problems.length > 0 && (
        <ul className="problem-list">
          {problems.map((item, index) => (
            <li key={index}>
              <code>{item.path}</code> {describeProblem(translate, item)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
