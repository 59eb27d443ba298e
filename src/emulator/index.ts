/** The Dialpad API emulator: fixtures, the HTTP server, and the embedded mode. */
export { checkFixtureData, loadFixture, parseFixture } from './fixture.js';
export { createEmulator, type Emulator, type EmulatorOptions, type EmulatorStats, type LoggedRequest, type RunningEmulator } from './server.js';
export { startEmbeddedEmulator, performOnSavedState, EMBEDDED_API_KEY, type EmbeddedEmulator } from './embedded.js';
export type { EmulatorStep, OfficeSelector } from './manual-steps.js';
export { parseFaultSpec, type FaultSpec, type FaultKind } from './faults.js';
export { FixtureError } from './fixture-error.js';
export type { Fixture, FixtureCompany, FixtureOffice, FixtureUser, FixtureNumber, FixtureApiKey, LineField } from './types.js';
export { LINE_FIELDS } from './types.js';
