// What a utility process's `electron` module offers the core host here: net, whose fetch is Node's
// (Electron's goes through Chromium's network stack, which a plain Node child does not have).
export const net = { fetch: (input, init) => globalThis.fetch(input, init) };
export default { net };
