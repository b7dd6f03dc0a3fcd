// The app's wasm, carried in a same-origin script so that the page needs no fetch. One character
// per byte (Latin-1): within about 6% of the raw wasm in gzip, where base64 costs about 40%.
// scripts/postbuild.py fills in the bytes (escaping only the backslash, the quote and line
// breaks) and writes this file out as app-wasm-<hash>.js.
const text = "__WASM_LATIN1__";

// The wasm bytes, one per character.
export default function wasmBytes() {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
