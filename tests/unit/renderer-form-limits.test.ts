import { describe, expect, it } from 'vitest';
import { contract, type Channel } from '../../src/shared/contract';
import { optionalText, requiredText } from '../../src/shared/cases';
import { PASSWORD_MIN_LENGTH, PasswordSchema, UsernameSchema } from '../../src/shared/users';
import { fieldAt, maxItems, numberLimits, textLimits } from '../../src/renderer/src/components/zodFields';

/*
 * The renderer's forms take their limits from the schema main parses each channel's input with
 * (src/renderer/src/components/zodFields.ts, inputFields.ts). These are the limits the screens showed when
 * they were typed by hand: the schemas must keep giving exactly these.
 */

const field = (channel: Channel, path: string) => fieldAt(contract[channel].input, path);

describe('textLimits reads a zod v4 text field', () => {
  it('a required text trims, refuses empty and caps its length', () => {
    expect(textLimits(requiredText(40))).toEqual({
      required: true,
      trims: true,
      minLength: 1,
      maxLength: 40,
    });
  });

  it("an optional text ('' and missing become null) is not required", () => {
    expect(textLimits(optionalText(60))).toEqual({
      required: false,
      trims: true,
      minLength: null,
      maxLength: 60,
    });
  });

  it('a password keeps its spaces (no trim) and has the shared minimum and maximum', () => {
    expect(textLimits(PasswordSchema)).toEqual({
      required: true,
      trims: false,
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: 128,
    });
  });

  it('a user name is required by its pattern, trims, and states no length of its own', () => {
    expect(textLimits(UsernameSchema)).toEqual({
      required: true,
      trims: true,
      minLength: null,
      maxLength: null,
    });
  });

  it('refuses a field that is not text, and a path the schema does not have', () => {
    expect(() => textLimits(field('settings.update', 'idleLockMinutes'))).toThrow(/Not a text field/);
    expect(() => field('cases.create', 'parties.0.nickname')).toThrow(/no field 'parties.0.nickname'/);
  });
});

describe("every form's text limits come from its channel's input schema", () => {
  const cases: [Channel, string, { required: boolean; maxLength: number | null }][] = [
    ['auth.login', 'username', { required: true, maxLength: null }],
    ['auth.login', 'password', { required: true, maxLength: 128 }],
    ['auth.changePassword', 'currentPassword', { required: true, maxLength: 128 }],
    ['auth.recover', 'recoveryCode', { required: true, maxLength: 80 }],
    ['auth.confirmRecovery', 'answer', { required: true, maxLength: 20 }],
    ['setup.create', 'office.county', { required: true, maxLength: 40 }],
    ['setup.create', 'office.registryOffice', { required: true, maxLength: 60 }],
    ['setup.create', 'office.centreName', { required: true, maxLength: 60 }],
    ['setup.create', 'admin.displayName', { required: true, maxLength: 40 }],
    ['users.create', 'displayName', { required: true, maxLength: 40 }],
    ['cases.create', 'filing.receiptNumber', { required: true, maxLength: 40 }],
    ['cases.create', 'parties.0.name', { required: true, maxLength: 40 }],
    ['cases.create', 'parties.1.phone', { required: false, maxLength: 30 }],
    ['cases.create', 'parties.0.documentNumber', { required: false, maxLength: 40 }],
    ['cases.create', 'parties.0.occupation', { required: false, maxLength: 40 }],
    ['cases.create', 'parties.0.address', { required: false, maxLength: 200 }],
    ['cases.create', 'reasons.text', { required: false, maxLength: 2000 }],
    ['cases.create', 'companionName', { required: false, maxLength: 40 }],
    ['cases.transition', 'confirmationNumber', { required: true, maxLength: 40 }],
    ['cases.transition', 'reason', { required: true, maxLength: 500 }],
    ['records.saveDraft', 'familySituation', { required: false, maxLength: 20_000 }],
    ['records.saveDraft', 'interviewNotes', { required: false, maxLength: 20_000 }],
    ['records.saveDraft', 'interventionAssessment', { required: false, maxLength: 20_000 }],
    ['records.saveDraft', 'remarks', { required: false, maxLength: 2000 }],
    ['records.addAddendum', 'text', { required: true, maxLength: 20_000 }],
    // Required by the form when the discloser is "other" (the schema's refinement).
    ['dv.create', 'disclosedByName', { required: false, maxLength: 40 }],
    ['dv.create', 'facts', { required: true, maxLength: 20_000 }],
    ['dv.create', 'injuriesEvidence', { required: false, maxLength: 5000 }],
    ['dv.create', 'victimWishes', { required: false, maxLength: 2000 }],
    ['dv.create', 'warningLetter.number', { required: true, maxLength: 60 }],
    ['dv.create', 'protectionOrder.number', { required: true, maxLength: 60 }],
    ['dv.recordMandatoryReport', 'reportedTo', { required: true, maxLength: 100 }],
    ['dv.recordMandatoryReport', 'reference', { required: false, maxLength: 60 }],
    ['referrals.create', 'targetName', { required: false, maxLength: 100 }],
    ['referrals.create', 'reason', { required: true, maxLength: 2000 }],
    // Required by the form without consent (CONSENT_REASON_REQUIRED otherwise).
    ['referrals.create', 'noConsentReason', { required: false, maxLength: 1000 }],
    ['referrals.transition', 'note', { required: false, maxLength: 1000 }],
    // Required by the form for a transfer to another station (the schema's refinement).
    ['supervision.create', 'toStation', { required: false, maxLength: 60 }],
    ['supervision.create', 'instructions', { required: false, maxLength: 2000 }],
    ['supervision.complete', 'note', { required: false, maxLength: 1000 }],
    ['supervision.cancel', 'note', { required: false, maxLength: 1000 }],
    ['calendar.update', 'years.0.source', { required: false, maxLength: 200 }],
  ];

  it.each(cases)('%s %s', (channel, path, expected) => {
    const { required, maxLength } = textLimits(field(channel, path));
    expect({ required, maxLength }).toEqual(expected);
  });

  it('passwords keep their spaces; every other text field trims (a value of only spaces is empty)', () => {
    for (const [channel, path] of cases) {
      expect(textLimits(field(channel, path)).trims, `${channel} ${path}`).toBe(!/password/i.test(path));
    }
  });
});

describe('number and list limits', () => {
  it.each([
    ['settings.update', 'idleLockMinutes', { min: 1, max: 240 }],
    ['sync.updateSettings', 'intervalMinutes', { min: 1, max: 1440 }],
    ['cases.create', 'children.0.age', { min: 0, max: 30 }],
    ['calendar.update', 'years.0.year', { min: 2000, max: 2100 }],
  ] as const)('%s %s', (channel, path, expected) => {
    expect(numberLimits(field(channel, path))).toEqual(expected);
  });

  it('a case holds at most 20 children', () => {
    expect(maxItems(field('cases.create', 'children'))).toBe(20);
  });
});
