// What needs the WebAssembly module once it runs: set by the entry point
// (overlay.js or overlay-node.js) after it has instantiated the module, before any
// code that imports the package runs.
import { Core, codeTable } from './core.js';

/** @type {ReadonlyArray<import('./index.js').CodeInfo>} */
export let codes;
/** @type {ReadonlyArray<string>} */
export let locales;
/** Each code's entry: its index in the library's table and its variables. */
export const byCode = new Map();

let memory;
let bytes = new Uint8Array(0);
let decoder;

/** The module's memory as bytes (a new view after the memory grew). */
export function memoryBytes() {
  if (bytes.buffer !== memory.buffer) bytes = new Uint8Array(memory.buffer);
  return bytes;
}

/** The UTF-8 text at `ptr` in the module's memory. */
export function decode(ptr, len) {
  return decoder(memory, ptr, len);
}

/**
 * @param {WebAssembly.Exports} exports the instantiated module's exports
 * @param {(memory: WebAssembly.Memory, ptr: number, len: number) => string} decodeText
 */
export function ready(exports, decodeText) {
  memory = exports.memory;
  decoder = decodeText;
  const table = JSON.parse(codeTable());
  table.forEach((info, index) => {
    info.variables.forEach(Object.freeze);
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
