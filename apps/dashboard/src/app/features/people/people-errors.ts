import { ERROR_CODES } from '@hfd/contracts';
import { toApiFailure } from '../../core/api/api-failure';

/** Codes of the people routes that have a message of their own in `people.errors`. */
const KNOWN: readonly string[] = [
  ERROR_CODES.usernameTaken,
  ERROR_CODES.apiKeyNameTaken,
  ERROR_CODES.unknownRole,
  ERROR_CODES.unknownAccount,
  ERROR_CODES.expiryInPast,
  ERROR_CODES.lastAdmin,
  ERROR_CODES.wrongPassword,
  ERROR_CODES.invalidTotpCode,
  ERROR_CODES.totpState,
  ERROR_CODES.validationFailed,
  ERROR_CODES.insufficientRole,
  ERROR_CODES.notFound,
  ERROR_CODES.invalidCursor,
];

/**
 * A translation key for a failed people call. A weak password says which rule it broke: the
 * length is checked here too, so the reason can be given in the page's language.
 */
export function peopleErrorKey(error: unknown, password?: string): string {
  const failure = toApiFailure(error);
  if (failure.status === 0) return 'errors.network';
  if (failure.code === ERROR_CODES.weakPassword) {
    return password !== undefined && [...password].length < 12 ? 'people.errors.weakShort' : 'people.errors.weakCommon';
  }
  if (failure.code !== null && KNOWN.includes(failure.code)) return `people.errors.${failure.code}`;
  return 'people.errors.unexpected';
}
