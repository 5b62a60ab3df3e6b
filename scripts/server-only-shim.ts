// Scripts are server code by definition. `server-only` guards Next's client bundles and throws
// outside Next's react-server build; scripts/tsconfig.json maps it here so that they can import
// lib/ under Node's ordinary conditions (which React Email's renderer needs).
export {};
