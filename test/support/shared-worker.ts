/**
 * setupFile of the `fast` project, whose files share their worker's modules (`isolate: false`:
 * src/ is loaded once per worker, not once per file). A file that replaces process-wide state
 * would break the files after it, so the one that does fails itself: importing nock installs
 * its own global HTTP dispatcher. Such files go to `fast-isolated`, found by what they import (vitest.config.ts).
 */
import { getGlobalDispatcher } from 'undici';
import { afterAll } from 'vitest';

const dispatcher = getGlobalDispatcher();

afterAll(() => {
  if (getGlobalDispatcher() !== dispatcher) {
    throw new Error('this file replaced the global HTTP dispatcher (nock does when imported): vitest.config.ts isolates files that import nock or call setGlobalDispatcher or vi.mock; how did this one do it?');
  }
});
