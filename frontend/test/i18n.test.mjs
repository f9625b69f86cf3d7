// Every string of the page exists in English and in Simplified Chinese, with the same placeholders.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keys, t } from '../src/i18n.js';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every English string has a Chinese one, and no Chinese string is left over', () => {
  const en = new Set(keys('en'));
  const zh = new Set(keys('zh-CN'));
  assert.deepEqual([...en].filter((k) => !zh.has(k)), []);
  assert.deepEqual([...zh].filter((k) => !en.has(k)), []);
});

test('the workshop strings fill their placeholders', () => {
  assert.equal(t('fastForward.replaying', { i: 2, total: 3 }), 'Bringing your lab host to stage 2 of 3…');
  assert.equal(t('duration.ms', { m: 3, s: 12 }), '3m 12s');
});

test('Chinese strings use the same placeholders as English ones', async () => {
  const { STAFF_STRINGS } = await import('../src/strings/staff-strings.js');
  const { WORKSHOP_STRINGS } = await import('../src/strings/workshop-strings.js');
  for (const table of [STAFF_STRINGS, WORKSHOP_STRINGS]) {
    for (const [key, text] of Object.entries(table.en)) {
      assert.deepEqual(placeholders(table['zh-CN'][key] ?? ''), placeholders(text), key);
    }
  }
});
