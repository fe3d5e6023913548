import type { Settings } from '../domain/settings.ts';
import type { AssessmentRole, AssessmentStatus } from './model.ts';

/** One assessment of a panel (a submission on a rubric), as far as who may see what goes. */
export interface PanelMember {
  role: AssessmentRole;
  /** The assessor's person id: two people of the same name are two members. */
  assessorId: string;
  status: AssessmentStatus;
}

/** My own assessor assessment in this panel is still a draft (a self-assessment is not one). `me` is my person id. */
export function isDraftingIn(me: string, members: readonly PanelMember[]): boolean {
  return members.some((member) => member.role === 'assessor' && member.assessorId === me && member.status === 'draft');
}

/**
 * The other assessors' scores in a panel are hidden from me while my own assessment in it
 * is a draft, when the workspace says so: I score without being swayed by theirs. Nothing
 * is hidden from someone who is not an assessor of the panel.
 */
export function isHiddenFor(me: string, members: readonly PanelMember[], settings: Pick<Settings, 'hideOthersUntilSubmitted'>): boolean {
  return settings.hideOthersUntilSubmitted && isDraftingIn(me, members);
}
