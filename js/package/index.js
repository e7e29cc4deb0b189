// The entry point for browsers, bundlers and any runtime with fetch: the
// module is fetched beside this file (bundlers see the `new URL(…,
// import.meta.url)` and ship it as an asset).
import init from './core.js';
import { ready } from './state.js';

await init({ module_or_path: new URL('./core_bg.wasm', import.meta.url) });
ready();

export * from './api.js';
