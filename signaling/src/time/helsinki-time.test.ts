import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, epochOf, localDateOf, localTimeOf, weekdayOf } from './helsinki-time.ts';

test('local dates and times are Europe/Helsinki, across daylight saving', () => {
  const winter = epochOf('2026-01-15', '09:30');
  assert.equal(new Date(winter).toISOString(), '2026-01-15T07:30:00.000Z');
  const summer = epochOf('2026-07-15', '09:30');
  assert.equal(new Date(summer).toISOString(), '2026-07-15T06:30:00.000Z');
  assert.equal(localDateOf(winter), '2026-01-15');
  assert.equal(localTimeOf(summer), '09:30');
  assert.equal(localDateOf(Date.parse('2026-03-01T22:30:00Z')), '2026-03-02');
  assert.equal(weekdayOf('2026-11-23'), 1);
  assert.equal(weekdayOf('2026-11-22'), 7);
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
});
