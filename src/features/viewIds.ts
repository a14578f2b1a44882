/** The "Keys" view's ids, known to the activation bundle (its shell) and the on-demand features (its content). */
export const KEYS_VIEW_ID = 'ivsKeys.keys';
/** The internal command the "Imported as …" lens runs; under the view's prefix, like VS Code's own `<view>.focus`. */
export const REVEAL_KEY_COMMAND = 'ivsKeys.keys.revealKey';
