// After each test file, a full garbage collection in the jest worker. Without it V8 lets a worker's old space grow
// to ~500 MB of garbage over a run (nothing is leaked: with collections the live heap stays near 100 MB), and at the
// end tearing that heap down (munmap page by page, measured with perf: v8::internal::Heap::TearDown) takes longer
// than jest's 500 ms grace on a loaded 2-core machine, so jest force-killed the worker and printed "A worker process
// has failed to exit gracefully". `gc` is taken from a fresh context once --expose-gc is set at run time, so no node
// flag is needed on the command line.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

afterAll(() => collectGarbage());
