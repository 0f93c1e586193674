import { serveFile } from "@/lib/files/serve";

// GET /api/file/<key> (and the legacy /file/<key>) – stored media and private documents.
export async function GET(request: Request, context: { params: Promise<{ key: string[] }> }) {
  return serveFile(request, (await context.params).key);
}
