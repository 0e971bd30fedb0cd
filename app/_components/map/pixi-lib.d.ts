// Types of the pixi.js modules map/pixi.ts imports one by one (`pixi-lib/…` is the package's lib/
// folder, aliased in next.config.ts): the package's own types, from its entry.
declare module "pixi-lib/rendering/init.mjs";
declare module "pixi-lib/scene/container/Container.mjs" { export { Container } from "pixi.js"; }
declare module "pixi-lib/scene/graphics/shared/Graphics.mjs" { export { Graphics } from "pixi.js"; }
declare module "pixi-lib/scene/sprite/Sprite.mjs" { export { Sprite } from "pixi.js"; }
declare module "pixi-lib/scene/text/Text.mjs" { export { Text } from "pixi.js"; }
declare module "pixi-lib/rendering/renderers/shared/texture/Texture.mjs" { export { Texture } from "pixi.js"; }
declare module "pixi-lib/rendering/renderers/shared/texture/RenderTexture.mjs" { export { RenderTexture } from "pixi.js"; }
declare module "pixi-lib/rendering/renderers/gl/WebGLRenderer.mjs" { export { WebGLRenderer } from "pixi.js"; }
