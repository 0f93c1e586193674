"use client";

import { useEffect, useRef } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "@/components/api-docs/swagger-contrast.css";

interface SwaggerUi {
  layoutActions: { show: (key: [string, string], shown: boolean) => void };
}

/**
 * Swagger UI, bundled from swagger-ui-dist (no CDN) and loaded only on this page: the ES bundle
 * is imported when the viewer mounts, so its weight never reaches another page.
 *
 * Every tag starts closed (`docExpansion: "none"`): the reader opens the group they need. Swagger
 * UI (5.3x) virtualizes its list once it has 150 rows or more (tag headers plus the operations of
 * open tags) and then renders only the rows in the viewport, so with every tag open the operations
 * below the fold would be missing from the page until scrolled to; the public document has more
 * operations than that. `collapsedTags` stay closed even where a deep link would open them.
 */
export function OpenApiViewer({
  urls,
  collapsedTags = [],
}: {
  urls: { name: string; url: string }[];
  collapsedTags?: string[];
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import("swagger-ui-dist/swagger-ui-es-bundle.js").then(({ default: SwaggerUI }) => {
      if (cancelled || !container.current) return;
      const ui = SwaggerUI({
        domNode: container.current,
        ...(urls.length > 1 ? { urls } : { url: urls[0]?.url }),
        // Deep links put a link inside each operation's toggle button (a nested control that
        // screen readers cannot reach); the page stays without them.
        deepLinking: false,
        tryItOutEnabled: false,
        docExpansion: "none",
        onComplete: () => {
          for (const tag of collapsedTags) ui.layoutActions.show(["operations-tag", tag], false);
          // Swagger UI's server picker has no label of its own.
          container.current?.querySelector("#servers")?.setAttribute("aria-label", "服务器");
        },
      }) as SwaggerUi;
    });
    return () => {
      cancelled = true;
    };
  }, [urls, collapsedTags]);
  return <div ref={container} className="openapi-viewer" data-testid="openapi-viewer" />;
}
