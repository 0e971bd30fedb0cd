// The parts of pixi.js the map draws with, loaded on demand by scene.ts: its modules one by one
// (`pixi-lib/…`, an alias of the package's lib/ folder in next.config.ts; their types are the
// package's, in pixi-lib.d.ts). The package's entry would bring everything else with it, by side
// effect: the asset loaders, spritesheets, the ticker, every renderer's systems (`import("pixi.js")`
// as one namespace: the play page's JS 493 KB gzipped; its named exports: 345 KB).
//
// Pixi compiles its uniform uploads with `new Function` unless its eval-free variant is installed
// first; the page's Content-Security-Policy allows no eval. Imports run in order.
//
// Only the WebGL renderer, made directly: an Application would pick one with autoDetectRenderer
// (WebGPU's included), and its first init would load the browser's default extensions
// (interaction, accessibility, filters, DOM, spritesheets) that the map does not use. The map draws
// Graphics, Text and Sprites: their pipes are registered here, with the texture sources and masks.
import "pixi.js/unsafe-eval";
import "pixi-lib/rendering/init.mjs";
import "pixi.js/graphics";
import "pixi.js/text";

export { Container } from "pixi-lib/scene/container/Container.mjs";
export { Graphics } from "pixi-lib/scene/graphics/shared/Graphics.mjs";
export { Sprite } from "pixi-lib/scene/sprite/Sprite.mjs";
export { Text } from "pixi-lib/scene/text/Text.mjs";
export { Texture } from "pixi-lib/rendering/renderers/shared/texture/Texture.mjs";
export { RenderTexture } from "pixi-lib/rendering/renderers/shared/texture/RenderTexture.mjs";
export { WebGLRenderer } from "pixi-lib/rendering/renderers/gl/WebGLRenderer.mjs";
