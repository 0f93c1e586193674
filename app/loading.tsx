import { LoadingBlock } from "@/components/ui/page-shell";

export default function Loading() {
  return <LoadingBlock />;
}
