import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// The Keys view's item menus, read from the manifest and evaluated the way VS Code evaluates their when-clauses
// (the `&&` of `view == …`, `viewItem =~ /…/` and context keys), against the context values the tree gives its
// items (the integration suite checks the tree gives exactly these).

interface MenuEntry {
  command: string;
  when?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
const itemMenu = manifest.contributes.menus['view/item/context'] ?? [];

function holds(term: string, viewItem: string, context: Record<string, boolean>): boolean {
  const t = term.trim();
  let m = /^view == (\S+)$/.exec(t);
  if (m) return m[1] === 'ivsKeys.keys';
  m = /^viewItem =~ \/(.*)\/([a-z]*)$/.exec(t);
  if (m) return new RegExp(m[1]!, m[2]).test(viewItem);
  m = /^(!?)([\w.]+)$/.exec(t);
  if (m) return Boolean(context[m[2]!]) !== (m[1] === '!');
  throw new Error(`a when-clause this test does not understand: ${t}`);
}

/** The commands the item's context menu (and inline actions) offer. */
function offered(viewItem: string, context: Record<string, boolean> = {}): Set<string> {
  return new Set(itemMenu.filter((e) => (e.when ?? '').split('&&').every((term) => holds(term, viewItem, context))).map((e) => e.command));
}

const STREAM_KEY = 'streamKey hasArn';
const KEYLESS_CHANNEL = 'channel hasArn hasName noStreamKey';
const CHANNEL_WITH_KEY = 'channel hasArn hasName hasStreamKey';
const PLAYBACK_KEY = 'playbackKeyPair hasArn hasName hasFingerprint deletable';

describe('the Keys view item menus', () => {
  it('offer Create Stream Key only on a channel without a key, and Reset Stream Key where there is one', () => {
    assert.ok(offered(KEYLESS_CHANNEL).has('ivsKeys.createStreamKey'));
    assert.ok(!offered(KEYLESS_CHANNEL).has('ivsKeys.resetStreamKey'));
    assert.ok(!offered(CHANNEL_WITH_KEY).has('ivsKeys.createStreamKey'));
    assert.ok(offered(CHANNEL_WITH_KEY).has('ivsKeys.resetStreamKey'));
    assert.ok(offered(STREAM_KEY).has('ivsKeys.resetStreamKey'));
    assert.ok(!offered(STREAM_KEY).has('ivsKeys.createStreamKey'));
  });

  it('offer no Copy Name on a stream key, which has no name', () => {
    assert.ok(!offered(STREAM_KEY).has('ivsKeys.copyName'));
    assert.ok(offered(PLAYBACK_KEY).has('ivsKeys.copyName'));
  });

  it('hide Open in AWS Console with a custom endpoint', () => {
    assert.ok(offered(PLAYBACK_KEY).has('ivsKeys.openInConsole'));
    assert.ok(!offered(PLAYBACK_KEY, { 'ivsKeys.customEndpoint': true }).has('ivsKeys.openInConsole'));
    assert.ok(!offered(STREAM_KEY, { 'ivsKeys.customEndpoint': true }).has('ivsKeys.openInConsole'));
  });
});
