// The prefilled-link template and each group's link and code in its invitation.
import { groupCode } from '../../src/core/feedback-form';
import { invitationFeedback, prefillTemplate } from '../../src/core/feedback-link';

const BASE = 'https://docs.google.com/forms/d/e/1FAIpQLSabc/viewform?usp=pp_url';

describe('prefillTemplate', () => {
  it('puts the encoded placeholder back, in either case of hex digits', () => {
    expect(prefillTemplate(`${BASE}&entry.123=%7Bgroup%7D`)).toBe(`${BASE}&entry.123={group}`);
    expect(prefillTemplate(`${BASE}&entry.123=%7bgroup%7d`)).toBe(`${BASE}&entry.123={group}`);
    expect(prefillTemplate(`${BASE}&entry.123={group}`)).toBe(`${BASE}&entry.123={group}`);
  });

  it('refuses a URL without the placeholder, with it twice, or not https', () => {
    expect(prefillTemplate(`${BASE}&entry.123=C1-01`)).toBeNull();
    expect(prefillTemplate(`${BASE}&entry.1=%7Bgroup%7D&entry.2=%7Bgroup%7D`)).toBeNull();
    expect(prefillTemplate('http://docs.google.com/forms/d/e/x/viewform?entry.1=%7Bgroup%7D')).toBeNull();
    expect(prefillTemplate('javascript:alert(1)//%7Bgroup%7D')).toBeNull();
    expect(prefillTemplate('')).toBeNull();
  });
});

describe('invitationFeedback', () => {
  const template = `${BASE}&entry.123={group}`;

  it('gives the link with the group code, form-encoded, and the code', () => {
    const code = groupCode('program-1', 'C3-01');
    expect(invitationFeedback(template, 'program-1', 'C3-01')).toEqual({ feedbackLink: `${BASE}&entry.123=${encodeURIComponent(code)}`, groupCode: code });
    expect(invitationFeedback(template, 'program-1', 'c3-1')).toEqual(invitationFeedback(template, 'program-1', 'C3-01'));
  });

  it('a group past 999 or a cycle past 9999 gets its link and code (issue 12, defect 6)', () => {
    for (const group of ['C3-1000', 'C3-12345', 'C1234-01', 'C12345-1000']) {
      const code = groupCode('program-1', group);
      expect(code.endsWith(`-${group}`)).toBe(true);
      expect(invitationFeedback(template, 'program-1', group)).toEqual({ feedbackLink: `${BASE}&entry.123=${encodeURIComponent(code)}`, groupCode: code });
    }
  });

  it('without a usable template, the code alone; a malformed group id, nothing (never an error)', () => {
    const code = groupCode('program-1', 'C3-01');
    expect(invitationFeedback(undefined, 'program-1', 'C3-01')).toEqual({ groupCode: code });
    expect(invitationFeedback('', 'program-1', 'C3-01')).toEqual({ groupCode: code });
    expect(invitationFeedback(`${BASE}&entry.1={group}&entry.2={group}`, 'program-1', 'C3-01')).toEqual({ groupCode: code });
    expect(invitationFeedback(template, 'program-1', 'pair one')).toEqual({});
  });
});
