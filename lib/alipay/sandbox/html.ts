// The sandbox's own error pages (a refused request never reaches a React page).

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );
}

export function sandboxErrorPage(status: number, title: string, detail: string): Response {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>支付宝沙箱 · ${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;margin:0">
<div style="background:#fbbf24;padding:4px 12px;font-size:12px;text-align:center">支付宝沙箱：本地模拟，不会产生真实交易</div>
<main style="padding:24px;max-width:28rem;margin:auto"><h1 style="font-size:18px">${escapeHtml(title)}</h1>
<p style="color:#555">${escapeHtml(detail)}</p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
