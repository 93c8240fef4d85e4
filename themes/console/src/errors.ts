// The API's refusals in the user's language. The API answers {"error","message","field"} with a coarse code and an
// English message built from a few fixed shapes ("'days' must be between 1 and 30."); the console knows those shapes
// and the fields its forms send, and says the same in English, German or French with the field's label instead of
// its API name. A message of an unknown shape is shown as the server wrote it.
import { ApiError } from './api';
import type { Translate } from './i18n';

/** The label (a text key) of each API field a form sends. */
const FIELD_LABELS: Record<string, string> = {
  businessPurpose: 'businessPurpose',
  days: 'days',
  reason: 'reason',
  justification: 'justification',
  name: 'name',
  domains: 'domains',
  tier: 'tier',
  region: 'region',
  businessOwner: 'businessOwner',
  businessUnits: 'businessUnits',
  idp: 'idp',
  role: 'programme',
  client: 'client',
  to: 'delegationTo',
  until: 'delegationUntil',
  owner: 'contentOwner',
  kind: 'contentKind',
  uri: 'contentUri',
  minTier: 'contentMinTier',
  regions: 'contentRegions',
  'exception.reason': 'exceptionReason',
};

/** Field and shape that have a text of the login theme, the same one the login page shows. */
const THEME_TEXTS: Record<string, string> = {
  'businessPurpose:tooShort': 'partnerPurposeTooShort',
  'businessPurpose:tooLong': 'partnerPurposeTooLong',
};

interface Shape {
  pattern: RegExp;
  name: string;
  text: (t: Translate, field: string, m: RegExpMatchArray) => string;
}

const SHAPES: Shape[] = [
  { pattern: /^'([^']+)' is required\.$/, name: 'required', text: (t, field) => t('errorRequired', { field }) },
  {
    pattern: /^'([^']+)' must be at least (\d+) characters(?::.*)?\.?$/, name: 'tooShort',
    text: (t, field, m) => t('errorTooShort', { field, min: m[2] }),
  },
  {
    pattern: /^'([^']+)' is longer than (\d+) characters\.$/, name: 'tooLong',
    text: (t, field, m) => t('errorTooLong', { field, max: m[2] }),
  },
  { pattern: /^'([^']+)' must be a string\.$/, name: 'notText', text: (t, field) => t('errorNotText', { field }) },
  { pattern: /^'([^']+)' must be a whole number\.$/, name: 'wholeNumber', text: (t, field) => t('errorWholeNumber', { field }) },
  {
    pattern: /^'([^']+)' must be between (-?\d+) and (-?\d+)\.$/, name: 'between',
    text: (t, field, m) => t('errorBetween', { field, min: m[2], max: m[3] }),
  },
  { pattern: /^'([^']+)' must be true or false\.$/, name: 'yesNo', text: (t, field) => t('errorYesNo', { field }) },
  {
    pattern: /^'([^']+)' has more than (\d+) entries\.$/, name: 'tooMany',
    text: (t, field, m) => t('errorTooMany', { field, max: m[2] }),
  },
];

/** The error's message for people: translated where its shape and field are known, else the server's own. */
export function errorText(error: unknown, t: Translate): string {
  if (!(error instanceof Error)) {
    return String(error ?? '');
  }
  if (!(error instanceof ApiError) || error.code !== 'invalid_request') {
    return error.message;
  }
  for (const shape of SHAPES) {
    const m = error.message.match(shape.pattern);
    if (!m || m[1] !== error.field) {
      continue;
    }
    const themeKey = THEME_TEXTS[`${m[1]}:${shape.name}`];
    if (themeKey) {
      return t(themeKey);
    }
    const label = FIELD_LABELS[m[1]];
    if (label) {
      return shape.text(t, t(label), m);
    }
  }
  return error.message;
}

/** The heading of an error alert, by the API's code (or the HTTP status when the body named none). */
export function errorTitle(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    return t('errorTitle');
  }
  switch (error.code ?? '') {
    case 'invalid_request': return t('errorInvalidTitle');
    case 'forbidden': return t('notAllowedTitle');
    case 'not_found': return t('notFoundTitle');
    case 'conflict': return t('errorConflictTitle');
    case 'unauthorized': return t('signedOutTitle');
    case 'unreachable': return t('errorUnreachableTitle');
    default:
      return error.status === 403 ? t('notAllowedTitle') : error.status === 404 ? t('notFoundTitle') : t('errorTitle');
  }
}

/** The status of an error, 0 when it is not one of the API's. */
export const statusOf = (error: unknown): number => (error instanceof ApiError ? error.status : 0);
/** The field an error names, when it names one. */
export const fieldOf = (error: unknown): string | null => (error instanceof ApiError ? error.field : null);
