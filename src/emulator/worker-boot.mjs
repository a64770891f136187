// Worker bootstrap in plain JavaScript: a worker thread does not always inherit the parent's
// TypeScript loader (Node's test runner children, for one), so register tsx here, then load the
// TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
