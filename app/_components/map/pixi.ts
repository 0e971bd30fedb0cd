// The parts of pixi.js the map draws with, by name, loaded on demand by scene.ts. Named exports let
// the bundler leave out what the map never uses (the WebGPU and canvas renderers and their systems,
// filters, asset loaders, the interaction and accessibility systems); `import("pixi.js")` as one
// namespace kept all of it (the play page's JS: 493 KB gzipped with it).
//
// Pixi compiles its uniform uploads with `new Function` unless its eval-free variant is installed
// first; the page's Content-Security-Policy allows no eval. Imports run in order.
//
// Only the WebGL renderer, made directly: an Application would pick one with autoDetectRenderer
// (WebGPU's included), and its first init would load the browser's default extensions
// (interaction, accessibility, filters, DOM, spritesheets) that the map does not use. The map draws
// Graphics, Text and Sprites: their pipes are registered here.
import "pixi.js/unsafe-eval";
import "pixi.js/graphics";
import "pixi.js/text";

export { Container, Graphics, RenderTexture, Sprite, Text, Texture, WebGLRenderer } from "pixi.js";
