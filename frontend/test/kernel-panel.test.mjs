// The kernel panel names the process it shows in the page's language: node --test frontend/test
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setLanguage } from '../src/i18n.js';
import { targetName } from '../src/kernel-panel.js';

test('the server\'s English names of the target read in Chinese on the Chinese page', () => {
  setLanguage('zh-CN', { remember: false });
  try {
    assert.equal(targetName('the shell'), '当前 shell');
    assert.equal(targetName('the foreground process (sleep)'), '前台进程（sleep）');
    assert.equal(targetName('进程 httpd'), '进程 httpd', 'a name it does not know is shown as it came');
  } finally {
    setLanguage('en', { remember: false });
  }
  assert.equal(targetName('the shell'), 'the shell');
  assert.equal(targetName('the foreground process (sleep)'), 'the foreground process (sleep)');
});
