// pixi.js exports "pixi.js/unsafe-eval" (its eval-free shader path, installed on import) without
// types for the ES module entry; the import is for its side effect only.
declare module "pixi.js/unsafe-eval";
