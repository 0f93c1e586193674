import type { Metadata } from "next";
import { OpenApiViewer } from "@/components/api-docs/openapi-viewer";
import { LEGACY_TAG } from "@/lib/api/openapi";
import { pageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "开放接口文档" };

const PUBLIC_DOCUMENT = { name: "开放接口", url: "/api/openapi.json" };
// The legacy paths repeat every /api/ operation: their group starts closed.
const COLLAPSED_TAGS = [LEGACY_TAG];
const OPERATORS_DOCUMENT = { name: "运营接口（仅管理员）", url: "/api/openapi-admin.json" };

export default async function ApiDocsPage() {
  const user = await pageUser();
  const urls = user?.role === "admin" ? [PUBLIC_DOCUMENT, OPERATORS_DOCUMENT] : [PUBLIC_DOCUMENT];
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <h1 className="text-2xl font-semibold">直租开放接口文档</h1>
      <p className="mt-2 text-sm text-gray-600">
        合作方可在此查阅全部接口：参数、返回结构、状态码与鉴权方式。机器可读的 OpenAPI 3.1 文档位于{" "}
        <a className="underline" href={PUBLIC_DOCUMENT.url}>
          /api/openapi.json
        </a>
        ，可用于生成客户端代码。每个接口同时提供 /api/ 路径与旧版路径，GET 与 POST 均可调用。
      </p>
      <OpenApiViewer urls={urls} collapsedTags={COLLAPSED_TAGS} />
    </main>
  );
}
