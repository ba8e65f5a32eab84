// Document properties (PropertiesService): the program's small state, per spreadsheet. Never script
// or user properties, which every install of the add-on shares.
// https://developers.google.com/apps-script/reference/properties/properties-service

function documentProperties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

/** Every document property, in one call (a copy: changing it changes nothing). */
export function readDocumentProperties(): Record<string, string> {
  return documentProperties().getProperties();
}

/** Writes `entries` in one call, keeping every other property. */
export function writeDocumentProperties(entries: Readonly<Record<string, string>>): void {
  if (Object.keys(entries).length === 0) return;
  documentProperties().setProperties({ ...entries });
}
