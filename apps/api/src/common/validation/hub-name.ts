/**
 * The Hub's naming rules for accounts and repositories: letters, digits, `-`, `_` and
 * `.`; starting and ending with a letter or digit; no `--` or `..`; at most 96 characters.
 */
export const HUB_NAME_PATTERN = /^(?!.*(?:--|\.\.))[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;
export const HUB_NAME_MAX_LENGTH = 96;
