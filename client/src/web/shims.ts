/** Injected into the browser bundle: Node's `Buffer` for the SDK and web3.js. */
// biome-ignore lint/style/useNodejsImportProtocol: this is the npm `buffer` package, bundled for the browser, not Node's module
import { Buffer } from "buffer";

export { Buffer };
