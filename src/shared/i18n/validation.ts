import type { z } from 'zod';
import {
  FIELD_PROBLEMS,
  type ErrorMeta,
  type FieldIssue,
  type FieldIssues,
  type FieldProblem,
} from '../errors';
import type { Locale } from '../settings';
import { localizeError } from './errors';

/**
 * Localized per-field messages for zod v4 issues, so a VALIDATION error can mark each form field in
 * the desk's language. zod's own messages are English and technical ("expected string, received
 * undefined"); users of the desk are not. Messages never echo the entered value.
 */
export const validationMessages: Record<Locale, Record<FieldProblem, string>> = {
  'zh-CN': {
    required: '此项为必填项。',
    wrongType: '填写的内容类型不正确。',
    tooShort: '至少需要 {n} 个字符。',
    tooShortExact: '必须是 {n} 个字符。',
    tooLong: '最多 {n} 个字符。',
    tooLongExact: '必须是 {n} 个字符。',
    tooSmallNumber: '不能小于 {n}。',
    tooBigNumber: '不能大于 {n}。',
    tooFewItems: '至少需要 {n} 项。',
    tooManyItems: '最多 {n} 项。',
    notInteger: '必须是整数。',
    badFormat: '格式不正确。',
    badId: '编号格式不正确。',
    badDate: '日期格式不正确，应为 年-月-日（例如 2025-06-10）。',
    notAllowed: '请从可选项中选择。',
    unknownField: '包含无法识别的内容。',
    notMultiple: '必须是 {n} 的倍数。',
    invalid: '填写的内容不正确。',
  },
  en: {
    required: 'This field is required.',
    wrongType: 'This value has the wrong type.',
    tooShort: 'At least {n} characters.',
    tooShortExact: 'Exactly {n} characters.',
    tooLong: 'At most {n} characters.',
    tooLongExact: 'Exactly {n} characters.',
    tooSmallNumber: 'Must be at least {n}.',
    tooBigNumber: 'Must be at most {n}.',
    tooFewItems: 'At least {n} items.',
    tooManyItems: 'At most {n} items.',
    notInteger: 'Must be a whole number.',
    badFormat: 'The format is not valid.',
    badId: 'The identifier is not valid.',
    badDate: 'Not a valid date; use year-month-day (e.g. 2025-06-10).',
    notAllowed: 'Choose one of the allowed values.',
    unknownField: 'Contains fields that are not recognised.',
    notMultiple: 'Must be a multiple of {n}.',
    invalid: 'This value is not valid.',
  },
};

const DATE_PATTERN = String(/^\d{4}-\d{2}-\d{2}$/);

const isFieldProblem = (code: string): code is FieldProblem =>
  (FIELD_PROBLEMS as readonly string[]).includes(code);

function keyFor(issue: z.core.$ZodIssue, valueMissing: boolean): { key: FieldProblem; n?: number | bigint } {
  switch (issue.code) {
    case 'invalid_type':
      if (valueMissing) return { key: 'required' };
      return { key: issue.expected === 'int' ? 'notInteger' : 'wrongType' };
    case 'too_small': {
      const n = issue.minimum;
      if (issue.origin === 'string') {
        if (Number(n) === 1 && !issue.exact) return { key: 'required' };
        return { key: issue.exact ? 'tooShortExact' : 'tooShort', n };
      }
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'tooFewItems', n };
      return { key: 'tooSmallNumber', n };
    }
    case 'too_big': {
      const n = issue.maximum;
      if (issue.origin === 'string') return { key: issue.exact ? 'tooLongExact' : 'tooLong', n };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'tooManyItems', n };
      return { key: 'tooBigNumber', n };
    }
    case 'invalid_format':
      if (issue.format === 'uuid' || issue.format === 'guid') return { key: 'badId' };
      if (issue.format === 'date' || issue.pattern === DATE_PATTERN) return { key: 'badDate' };
      return { key: 'badFormat' };
    case 'invalid_value':
      return { key: 'notAllowed' };
    case 'unrecognized_keys':
      return { key: 'unknownField' };
    case 'not_multiple_of':
      return { key: 'notMultiple', n: issue.divisor };
    case 'custom':
      // A refinement names its problem in the message ('required' for a field another one makes
      // required, e.g. professionOther when the profession is 'other'); anything else is 'invalid'.
      return { key: isFieldProblem(issue.message) ? issue.message : 'invalid' };
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return { key: 'invalid' };
  }
}

/**
 * The field issue for one zod issue. `valueMissing` is whether the input had no value at the issue's path
 * (zod v4 does not report the input by default, and "required" reads better than "wrong type").
 */
export function fieldIssueOf(issue: z.core.$ZodIssue, valueMissing: boolean): FieldIssue {
  const { key, n } = keyFor(issue, valueMissing);
  return n === undefined ? { code: key } : { code: key, meta: { n: String(n) } };
}

/** One field issue in the desk's language: a field problem's message, or the error code's own message. */
export function localizeFieldIssue(locale: Locale, issue: FieldIssue): string {
  const meta: ErrorMeta = issue.meta ?? {};
  if (!isFieldProblem(issue.code)) return localizeError(locale, issue.code, meta);
  return validationMessages[locale][issue.code].replace(
    '{n}',
    meta['n'] === undefined ? '' : String(meta['n']),
  );
}

/** Every field's issue in the desk's language, keyed by the same paths. */
export function localizeFields(locale: Locale, fields: FieldIssues): Record<string, string> {
  // A Map, not an object: a path like 'constructor' or '__proto__' must be just a key.
  return Object.fromEntries(
    new Map(Object.entries(fields).map(([path, issue]) => [path, localizeFieldIssue(locale, issue)])),
  );
}

/** `['office', 'county']` → `'office.county'`; the whole input (empty path) is `''`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'symbol' ? (p.description ?? '') : String(p))).join('.');
}

/**
 * One issue per field (the first issue wins: it is the most basic one, e.g. "required" before "format"),
 * keyed by dotted path.
 */
export function fieldIssuesOf(issues: readonly z.core.$ZodIssue[], rawInput: unknown): FieldIssues {
  const fields = new Map<string, FieldIssue>();
  for (const issue of issues) {
    const path = issuePath(issue.path);
    if (fields.has(path)) continue;
    fields.set(path, fieldIssueOf(issue, valueAt(rawInput, issue.path) === undefined));
  }
  return Object.fromEntries(fields);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) {
      return undefined;
    }
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}
