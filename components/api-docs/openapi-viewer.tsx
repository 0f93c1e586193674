"use client";

import { useEffect, useRef } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "@/components/api-docs/swagger-contrast.css";

/**
 * Swagger UI, bundled from swagger-ui-dist (no CDN) and loaded only on this page: the ES bundle
 * is imported when the viewer mounts, so its weight never reaches another page.
 */
export function OpenApiViewer({ urls }: { urls: { name: string; url: string }[] }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-es-bundle.js").then(({ default: SwaggerUI }) => {
      if (cancelled || !container.current) return;
      SwaggerUI({
        domNode: container.current,
        ...(urls.length > 1 ? { urls } : { url: urls[0]?.url }),
        // Deep links put a link inside each operation's toggle button (a nested control that
        // screen readers cannot reach); the page stays without them.
        deepLinking: false,
        tryItOutEnabled: false,
        // Swagger UI's server picker has no label of its own.
        onComplete: () => {
          container.current?.querySelector("#servers")?.setAttribute("aria-label", "服务器");
        },
      });
    });
    return () => {
      cancelled = true;
    };
  }, [urls]);
  return <div ref={container} className="openapi-viewer" data-testid="openapi-viewer" />;
}
