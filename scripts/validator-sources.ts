// What scripts/session-validator.mjs generates the replay bundle's session validator from, from
// one module graph (the schemas are matched by identity).
export { AnswersMapSchema, FixCommandSchema, ProbeRecordSchema, SessionSchema } from '../src/session/schema.js';
export { PROBES } from '../src/probes/contract.js';
