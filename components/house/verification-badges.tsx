/** The landlord's approved verifications, as tenants see them on a listing. */
export function VerificationBadges({
  identity,
  property,
}: {
  identity: boolean;
  property: boolean;
}) {
  const badges = [
    { on: identity, label: "实名认证" },
    { on: property, label: "房产认证" },
  ];
  return (
    <ul className="flex flex-wrap gap-2" aria-label="房东认证">
      {badges.map((badge) => (
        <li
          key={badge.label}
          className={
            badge.on
              ? "rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-emerald-200"
              : "rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-400"
          }
        >
          {badge.on ? "✓ " : ""}
          {badge.label}
          {badge.on ? "" : "（未认证）"}
        </li>
      ))}
    </ul>
  );
}
