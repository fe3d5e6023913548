/**
 * Errors that cross the process boundary. A handler throws an AppError; the
 * dispatcher turns it into `{ ok: false, error }` and each surface (UI, CLI)
 * shows `errors.<code>` from the message catalogue in the user's language.
 */
export const errorCodes = [
  'invalid_input',
  'unknown_channel',
  'forbidden',
  'unauthorized',
  'bad_host',
  'bad_request',
  'payload_too_large',
  'disk_full',
  'not_found',
  'internal',
  'unreachable',
  'workspace.too_new',
  'workspace.unreadable',
  'regency.unknown_code',
  'regency.duplicate',
  'regency.not_found',
  'regency.in_use',
  'regency.nothing_to_change',
  'rubric.invalid',
  'rubric.not_found',
  'rubric.template_readonly',
  'rubric.unchanged',
  'rubric.id_taken',
  'rubric.conflict',
  'submission.not_found',
  'submission.duplicate',
  'submission.not_empty',
  'submission.assessed',
  'document.not_found',
  'document.empty',
  'document.too_large',
  'document.unsupported',
  'document.encrypted',
  'document.corrupt',
  'document.unsafe_archive',
  'document.duplicate',
  'document.unreadable_file',
  'document.too_heavy',
  'upload.not_found',
  'inventory.not_found',
  'document.cited',
  'assessment.not_found',
  'assessment.hidden',
  'assessment.duplicate',
  'assessment.not_yours',
  'assessment.locked',
  'assessment.bad_transition',
  'assessment.reason_required',
  'assessment.incomplete',
  'assessment.unknown_criterion',
  'assessment.value_outside_scale',
  'assessment.na_not_allowed',
  'assessment.no_newer_version',
  'assessment.invalid',
  'assessment.locked_meanwhile',
  'assessment.status_conflict',
  'evidence.not_found',
  'evidence.wrong_document',
  'evidence.bad_page',
  'panel.empty',
  'panel.not_lead',
  'panel.lead_taken',
  'panel.not_member',
  'panel.submit_first',
  'panel.final',
  'sync.unavailable',
  'sync.bad_signature',
  'sync.bad_id',
  'sync.bad_shape',
  'sync.too_large',
  'sync.from_the_future',
  'sync.unknown_author',
  'sync.out_of_role',
  'sync.out_of_scope',
  'sync.not_author',
  'sync.wrong_document',
  'sync.revoked',
  'sync.bad_document',
  'sync.rubric_version_conflict',
  'sync.duplicate_root',
  'sync.unreachable',
  'sync.auth',
  'sync.foreign_team',
  'sync.wrong_hub',
  'sync.token_used',
  'sync.not_joined',
  'profile.unknown_person',
  'scoresheet.invalid',
  'letter.hidden',
  'letter.format',
  'letter.font_missing',
  'backup.not_found',
  'backup.damaged',
  'demo.not_empty',
  'workspace.busy',
  'workspace_file.invalid',
  'workspace_file.damaged',
  'sync.no_root',
  'sync.no_lead',
  'sync.unknown_rubric_version',
  'sync.unknown_regency',
  'sync.unknown_submission',
  'sync.bad_hub_url',
  'sync.bad_token',
  'sync.bad_answer',
  'sync.bad_file',
  'sync.document_not_on_hub',
  'sync.document_unknown',
  'sync.hash_mismatch',
  'sync.blob_not_referenced',
  'sync.blob_size_mismatch',
  'hub.planner_one_regency',
  'hub.bad_token_prefix',
  'hub.nothing_revoked',
  'hub.read_only',
  'hub.bad_settings',
  'settings.team_managed',
] as const;

export type ErrorCode = (typeof errorCodes)[number];
export type ErrorParams = Record<string, string | number>;

/** One thing wrong with a document the user gave (a rubric, later a score sheet), and where. */
export interface ProblemData {
  code: string;
  /** Where: a path in the document ("items.2.weight") or a cell ("Kriteria!F12"). */
  path: string;
  /** The group or criterion concerned, when there is one. */
  node?: string;
  params: ErrorParams;
}

export interface AppErrorData {
  code: ErrorCode;
  params: ErrorParams;
  /** English text for logs and for callers without the catalogue; never shown in the UI. */
  message: string;
  /** Every problem found, for errors about a whole document. */
  problems?: ProblemData[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly problems: ProblemData[] | undefined;

  constructor(code: ErrorCode, params: ErrorParams = {}, message?: string, problems?: ProblemData[]) {
    super(message ?? `${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.problems = problems;
  }

  toData(): AppErrorData {
    return { code: this.code, params: this.params, message: this.message, ...(this.problems ? { problems: this.problems } : {}) };
  }
}
