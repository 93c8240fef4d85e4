import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { errorText, errorTitle } from './errors';
import { translator } from './i18n';
import { programmeName, timeLeft } from './ui';

const tooShort = new ApiError(400, {
  error: 'invalid_request', field: 'businessPurpose',
  message: "'businessPurpose' must be at least 20 characters: say what the access is for.",
});

describe('API errors for people', () => {
  it('never shows the API field name of a known refusal, in English', () => {
    const text = errorText(tooShort, translator('en'));
    expect(text).toBe('Please describe the purpose in at least 20 characters.');
    expect(text).not.toContain("'businessPurpose'");
  });

  it('says the same in German and French, with the login theme\'s text', () => {
    expect(errorText(tooShort, translator('de'))).toBe('Bitte beschreiben Sie den Zweck mit mindestens 20 Zeichen.');
    expect(errorText(tooShort, translator('fr'))).toBe('Veuillez décrire le motif en au moins 20 caractères.');
    expect(errorTitle(tooShort, translator('de'))).toBe('Die Eingabe wurde abgelehnt');
  });

  it('names the field by its label in a generic shape', () => {
    const days = new ApiError(400, { error: 'invalid_request', field: 'days', message: "'days' must be between 1 and 30." });
    expect(errorText(days, translator('de'))).toBe('Tage muss zwischen 1 und 30 liegen.');
    expect(errorText(days, translator('en'))).toBe('Days must be between 1 and 30.');
  });

  it('keeps the server message when its shape is unknown', () => {
    const other = new ApiError(409, { error: 'conflict', field: null, message: 'The request was decided meanwhile.' });
    expect(errorText(other, translator('de'))).toBe('The request was decided meanwhile.');
    expect(errorTitle(other, translator('de'))).toBe('Das widerspricht dem aktuellen Stand');
  });
});

describe('time left', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('counts a fresh 21-day grant as 21 days', () => {
    const expiry = new Date(now + 21 * 24 * 3600 * 1000 - 1000).toISOString();
    expect(timeLeft(expiry, translator('en'), now)).toBe('21 days');
  });
  it('counts hours under two days, with the singular', () => {
    expect(timeLeft(new Date(now + 30 * 60 * 1000).toISOString(), translator('en'), now)).toBe('1 hour');
    expect(timeLeft(new Date(now + 30 * 3600 * 1000).toISOString(), translator('de'), now)).toBe('30 Stunden');
    expect(timeLeft(new Date(now - 1).toISOString(), translator('en'), now)).toBe('ended');
  });
});

describe('programme names', () => {
  it('puts the role description first when there is one', () => {
    expect(programmeName('deal-registration', null, 'Deal registration')).toBe('Deal registration (deal-registration)');
    expect(programmeName('pricing-api', 'partner-api', null)).toBe('partner-api / pricing-api');
  });
});

describe('counts', () => {
  it('uses the singular and the plural of each language', () => {
    const de = translator('de');
    const sentence = (count: number) => de('confirmOffboard', {
      name: 'Northwind', grants: de('activeGrants', { count }), members: de('ofMembers', { count }),
    });
    expect(sentence(1)).toContain('entzieht 1 aktive Berechtigung von 1 Mitglied,');
    expect(sentence(3)).toContain('entzieht 3 aktive Berechtigungen von 3 Mitgliedern,');
    expect(translator('fr')('daysLeft', { count: 1 })).toBe('1 jour');
    expect(translator('en')('activeGrants', { count: 2 })).toBe('2 active grants');
  });
});
