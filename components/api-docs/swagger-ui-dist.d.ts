// swagger-ui-dist ships no types for its ES bundle: the one call the docs page makes.
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  const SwaggerUI: (options: Record<string, unknown> & { domNode: HTMLElement }) => unknown;
  export default SwaggerUI;
}
