// Utilities: the only source of new ids (a random UUID), so core stays free of randomness.
// https://developers.google.com/apps-script/reference/utilities/utilities#getUuid()

export function newUuid(): string {
  return Utilities.getUuid();
}
