import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogues, translate } from './index.ts';

test('every catalogue has exactly the keys of the English reference, all non-empty', () => {
  const reference = Object.keys(catalogues.en).sort();
  for (const [language, catalogue] of Object.entries(catalogues)) {
    assert.deepEqual(Object.keys(catalogue).sort(), reference, `${language} keys`);
    for (const [key, text] of Object.entries(catalogue)) assert.ok(text.trim().length > 0, `${language}.${key} is empty`);
  }
});

test('placeholders are filled and the same placeholders appear in every language', () => {
  assert.equal(translate('fi', 'booth.waitingTime', { minutes: 3 }), 'Olet odottanut 3 min');
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(catalogues.en) as (keyof typeof catalogues.en)[]) {
    assert.deepEqual(placeholders(catalogues.fi[key]), placeholders(catalogues.en[key]), `fi ${key}`);
    assert.deepEqual(placeholders(catalogues.sv[key]), placeholders(catalogues.en[key]), `sv ${key}`);
  }
});
