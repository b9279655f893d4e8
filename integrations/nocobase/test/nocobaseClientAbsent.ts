// `@nocobase/client` is the host app's and cannot be installed here (see README, "Limits"):
// vitest resolves the name to this file so that a test can `vi.mock` it; loading it unmocked fails loudly.
throw new Error('@nocobase/client is provided by the NocoBase app: mock it with vi.mock in the test');
