import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// The walkthrough tells a person which menus and commands to use: each name it gives must be one that exists,
// where it says. Read from the manifest, its nls strings and the walkthrough's Markdown pages.

const root = join(__dirname, '..', '..');
interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, MenuEntry[]>;
    walkthroughs: { steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[];
  };
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (s: string): string => s.replace(/^%(.*)%$/, (_m, key: string) => nls[key] ?? s);

const commands = manifest.contributes.commands.map((c) => ({ ...c, title: text(c.title) }));
const titleOf = (id: string): string | undefined => commands.find((c) => c.command === id)?.title;
const hiddenFromPalette = new Set((manifest.contributes.menus.commandPalette ?? []).filter((e) => e.when === 'false').map((e) => e.command));
/** Titles of the commands in a right-click menu (not only an inline button) of the view's items or the Explorer. */
const rightClickTitles = new Set(
  [...(manifest.contributes.menus['view/item/context'] ?? []), ...(manifest.contributes.menus['explorer/context'] ?? [])]
    .filter((e) => !(e.group ?? '').startsWith('inline'))
    .map((e) => titleOf(e.command)),
);
/** Titles of the commands shown as a button on a row of the view. */
const inlineTitles = new Set((manifest.contributes.menus['view/item/context'] ?? []).filter((e) => (e.group ?? '').startsWith('inline')).map((e) => titleOf(e.command)));
const viewTitleTitles = new Set((manifest.contributes.menus['view/title'] ?? []).map((e) => titleOf(e.command)));

const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
const pages = readdirSync(join(root, 'media', 'walkthrough')).map((f) => ({ file: f, body: readFileSync(join(root, 'media', 'walkthrough', f), 'utf8') }));
/** Sentences of the pages (a list item or a paragraph may hold several), with their bold names. */
const sentences = pages.flatMap(({ file, body }) =>
  body
    .replace(/\n(?![-#\n])/g, ' ')
    .split(/(?<=\.)\s+|\n/)
    .map((s) => ({ file, sentence: s, bold: [...s.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]!) })),
);

describe('the walkthrough names only what exists', () => {
  it('has a page and a completion event on every step', () => {
    assert.ok(steps.length >= 5);
    for (const step of steps) {
      assert.ok(step.media.markdown && pages.some((p) => `media/walkthrough/${p.file}` === step.media.markdown), `step ${step.id} has no page`);
      assert.ok(step.completionEvents?.length, `step ${step.id} never completes`);
    }
  });

  it('labels each step button with the title of the command it runs', () => {
    for (const step of steps) {
      for (const [, label, id] of text(step.description).matchAll(/\[([^\]]+)\]\(command:([\w.]+)\)/g)) {
        if (id === 'ivsKeys.keys.focus') continue; // the view itself
        assert.ok(titleOf(id!), `step ${step.id} runs ${id}, which is not a command of the extension`);
        assert.equal(label, titleOf(id!), `step ${step.id}'s button says '${label}' for the command titled '${titleOf(id!)}'`);
      }
    }
  });

  it('names palette commands by their palette titles (IVS: Title), each in the palette', () => {
    const palette = new Map(commands.filter((c) => !hiddenFromPalette.has(c.command)).map((c) => [`${c.category}: ${c.title}`, c.command]));
    let named = 0;
    for (const { file, bold } of sentences) {
      for (const name of bold.filter((b) => b.startsWith('IVS: '))) {
        named++;
        assert.ok(palette.has(name), `${file} names ${name}, which the palette does not have`);
      }
    }
    assert.ok(named >= 4, 'the pages name almost no palette command');
  });

  it('names, in each "right-click … choose" or "menu" sentence, only entries those menus have', () => {
    let checked = 0;
    for (const { file, sentence, bold } of sentences) {
      if (/right-click/i.test(sentence)) {
        const chosen = bold.filter((b) => sentence.indexOf(`**${b}**`) > sentence.search(/choose/i));
        assert.ok(chosen.length, `${file}: "${sentence}" names no menu entry`);
        for (const b of chosen) {
          checked++;
          assert.ok(rightClickTitles.has(b), `${file}: "${sentence}": ${b} is not in a right-click menu`);
        }
      }
      if (/\bin the menu of\b/.test(sentence)) {
        for (const b of bold) {
          checked++;
          assert.ok(rightClickTitles.has(b), `${file}: "${sentence}": ${b} is not in an item menu`);
        }
      }
      if (/\bbutton\b/.test(sentence)) {
        for (const b of bold.filter((x) => titleOf(commands.find((c) => c.title === x)?.command ?? '') !== undefined)) {
          checked++;
          assert.ok(inlineTitles.has(b) || viewTitleTitles.has(b) || /Sign In/.test(b), `${file}: "${sentence}": ${b} is not a button of the view`);
        }
      }
    }
    assert.ok(checked >= 5, `only ${checked} menu names were checked`);
  });

  it('does not tell a person to create a stream key from a menu that offers it only on a channel without one', () => {
    // The stream key step once said "right-click a channel and choose Create Stream Key": no menu has that.
    assert.ok(!rightClickTitles.has('Create Stream Key'));
    const streamKey = pages.find((p) => p.file === 'streamkey.md');
    assert.ok(streamKey);
    assert.doesNotMatch(streamKey.body, /right-click[^.]*choose \*\*Create Stream Key\*\*/i);
  });
});
