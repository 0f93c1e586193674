export function SandboxBanner() {
  return (
    <div
      className="bg-amber-400 px-3 py-1 text-center text-xs font-medium text-amber-950"
      role="note"
    >
      沙箱模式：登录与支付均为本地模拟，不会产生真实交易
    </div>
  );
}
