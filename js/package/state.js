// The module's constants that need the WebAssembly module: set once by the
// entry point (index.js or node.js) after it has instantiated the module,
// before any code that imports the package runs.
import { Core, codeTable } from './core.js';

/** @type {ReadonlyArray<import('./index.js').CodeInfo>} */
export let codes;
/** @type {ReadonlyArray<string>} */
export let locales;
/** Each code's entry: its index in the library's table and its variables. */
export const byCode = new Map();

export function ready() {
  const table = JSON.parse(codeTable());
  table.forEach((info, index) => {
    Object.freeze(info.variables.map(Object.freeze));
    Object.freeze(info.variables);
    byCode.set(info.code, {
      index,
      info: Object.freeze(info),
      names: new Set(info.variables.map((v) => v.name)),
    });
  });
  codes = Object.freeze(table);
  const core = new Core(false, false, []);
  locales = Object.freeze(core.locales());
  core.free();
}
