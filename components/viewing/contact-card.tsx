/** The other side's contact details, which a paid viewing request reveals. */
export function ContactCard({
  title,
  contact,
}: {
  title: string;
  contact: { nickname: string | null; tel: string | null; wechat: string | null };
}) {
  return (
    <dl className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900" aria-label={title}>
      <dt className="text-xs text-emerald-700">{title}</dt>
      <dd className="font-medium">{contact.nickname || "未署名"}</dd>
      {contact.tel && (
        <dd>
          手机：
          <a href={`tel:${contact.tel}`} className="inline-flex min-h-11 items-center underline">
            {contact.tel}
          </a>
        </dd>
      )}
      {contact.wechat && <dd>微信：{contact.wechat}</dd>}
      {!contact.tel && !contact.wechat && (
        <dd className="text-emerald-700">对方尚未填写联系方式</dd>
      )}
    </dl>
  );
}
