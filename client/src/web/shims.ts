/** Injected into the browser bundle: Node's `Buffer` for the SDK and web3.js. */
import { Buffer } from "buffer";

export { Buffer };
