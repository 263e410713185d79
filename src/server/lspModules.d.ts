// The LSP libraries publish their Node entry points only through package "exports", which
// tsconfig's `"moduleResolution": "node"` does not read (esbuild does). These map each
// entry point to its file for the type checker; the bundle is unaffected.
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
