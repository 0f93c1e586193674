export default function HomePage() {
  return (
    <main className="mx-auto max-w-xl p-6">
      <h1 className="text-2xl font-semibold">直租</h1>
      <p className="mt-2 text-stone-600">房东直租平台</p>
    </main>
  );
}
