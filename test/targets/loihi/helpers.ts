// Shared paths and small factories for the Loihi target tests.
import { fileURLToPath } from 'node:url';

/** The read-only fixtures shared by all engineers. */
export const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures', import.meta.url));
