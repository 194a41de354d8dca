/**
 * Stands in for @types/node in the pure programs (tsconfig.core.json, tsconfig.renderer.json).
 * Some libraries' types (@types/node-forge) say `/// <reference types="node" />`, which would
 * pull every Node global (Buffer, process, require) into code that must not have them; with
 * this empty stub first on `typeRoots`, those names stay undefined there, so using them is a
 * type error. skipLibCheck keeps the libraries' own Node-typed signatures from being checked.
 */
export {};
