import { ACCOUNT_ERROR_KINDS, METRIC_STAGES, SPACE_ACTIONS, SPACE_STAGES, UNKNOWN_STAGE } from '@hfd/contracts';
import { DICTIONARIES } from '../../../testing/test-providers';
import { SORT_CHOICES, STATUS_FILTERS, sortToParam } from '../../features/spaces/data-access/space-filters';
import { VIEW_MODES } from '../../features/spaces/data-access/view-preferences';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function lookup(tree: Tree, path: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe('dictionaries', () => {
  const en = DICTIONARIES.en as Tree;
  const zh = DICTIONARIES['zh-CN'] as Tree;

  it('have exactly the same keys in both languages', () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it('have no empty text', () => {
    for (const tree of [en, zh]) {
      for (const key of keys(tree)) expect(lookup(tree, key)?.trim()).not.toBe('');
    }
  });

  it('name all 13 stages and UNKNOWN in both languages, differently', () => {
    for (const stage of [...SPACE_STAGES, UNKNOWN_STAGE]) {
      const english = lookup(en, `stage.${stage}`);
      const chinese = lookup(zh, `stage.${stage}`);
      expect(english).toBeDefined();
      expect(chinese).toBeDefined();
      expect(chinese).not.toBe(english);
    }
  });

  it('cover every filter, sort, view, stage reason, action and account error the code can ask for', () => {
    const needed = [
      ...STATUS_FILTERS.map((status) => `filters.statusOption.${status}`),
      ...SORT_CHOICES.map((sort) => `filters.sortOption.${sortToParam(sort)}`),
      ...VIEW_MODES.map((mode) => `filters.viewOption.${mode}`),
      // A card shows the reason of every stage without live load.
      ...[...SPACE_STAGES, UNKNOWN_STAGE].filter((stage) => !METRIC_STAGES.includes(stage)).map((stage) => `reason.${stage}`),
      ...SPACE_ACTIONS.flatMap((action) => [
        `actions.${action}`,
        `actions.accepted.${action}`,
        `confirm.${action}.title`,
        `confirm.${action}.body`,
        `confirm.${action}.confirm`,
      ]),
      ...ACCOUNT_ERROR_KINDS.flatMap((kind) => [`account.error.${kind}`, `account.errorHelp.${kind}`]),
      ...['connecting', 'live', 'reconnecting', 'offline'].map((state) => `connection.${state}`),
      ...['system', 'light', 'dark'].map((mode) => `theme.${mode}`),
    ];
    for (const key of needed) {
      expect([key, lookup(en, key) !== undefined, lookup(zh, key) !== undefined]).toEqual([key, true, true]);
    }
  });
});
