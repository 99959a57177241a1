// Runs the TypeScript worker from source (tests, `npm run quay`, benchmarks): tsx's loader must be
// registered inside the worker itself, since a worker does not inherit the parent's. The built app
// runs out/main/digitize-worker.js instead (see worker-script.ts).
const { register } = await import('tsx/esm/api');
register();
await import('./digitize-worker.ts');
