// The feedback link an invitation carries: one prefilled-link template per form (made once, with
// the placeholder `{group}` where the group code goes), and per group the link with that group's
// code. Scheduling (a new series) and creating the form (patching the series already booked) both
// build the invitation's description from `invitationFeedback`, so the two always agree.
import { groupCode } from './feedback-form';

/** Where a group's code goes in the stored template. */
export const GROUP_PLACEHOLDER = '{group}';

/**
 * The template from a prefilled URL built with the placeholder as the group code's answer. Forms
 * form-encodes the answer (`{group}` becomes `%7Bgroup%7D`, in either case of hex digits), so the
 * encoded placeholder is put back as it is written. Null when the URL does not hold the placeholder
 * exactly once (then it is no use as a template).
 *
 * @example prefillTemplate('https://docs.google.com/forms/d/e/X/viewform?usp=pp_url&entry.12=%7Bgroup%7D')
 *   // 'https://docs.google.com/forms/d/e/X/viewform?usp=pp_url&entry.12={group}'
 */
export function prefillTemplate(prefilledUrl: string): string | null {
  const url = String(prefilledUrl ?? '').trim();
  const template = url.replace(/%7Bgroup%7D/gi, GROUP_PLACEHOLDER);
  if (!/^https:\/\/[^\s<>"]+$/.test(template)) return null;
  return template.split(GROUP_PLACEHOLDER).length === 2 ? template : null;
}

/**
 * What a group's invitation says about feedback: the link prefilled with its group code (when
 * there is a template) and the code itself (always, when the group id is well formed, so a person
 * can type it into the form's plain link). A malformed group id gives neither, never an error: an
 * invitation is still worth sending without them.
 */
export function invitationFeedback(template: string | null | undefined, programId: string, groupId: string): { feedbackLink?: string; groupCode?: string } {
  let code: string;
  try {
    code = groupCode(programId, groupId);
  } catch {
    return {};
  }
  const t = typeof template === 'string' ? template.trim() : '';
  if (t === '' || t.split(GROUP_PLACEHOLDER).length !== 2) return { groupCode: code };
  return { feedbackLink: t.split(GROUP_PLACEHOLDER).join(encodeURIComponent(code)), groupCode: code };
}
