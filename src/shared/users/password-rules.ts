/** A password's limits; the scoring is src/shared/password-strength (checkPassword). */
export const PASSWORD_MIN_LENGTH = 8;
/** zxcvbn score 3: "safely unguessable", at least ~10^8 guesses. */
export const PASSWORD_MIN_SCORE = 3;
