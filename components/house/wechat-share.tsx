"use client";

import { useEffect } from "react";
import { setWechatShare, withoutFragment } from "@/lib/wechat/jssdk-client";

/** The share card inside WeChat (chat and Moments); renders nothing. */
export function WechatShare({
  title,
  desc,
  imagePath,
}: {
  title: string;
  desc: string;
  imagePath: string | null;
}) {
  useEffect(() => {
    const { origin, href } = window.location;
    void setWechatShare({
      title,
      desc,
      link: withoutFragment(href),
      // WeChat needs an absolute image URL; without a cover the app icon stands in.
      imgUrl: new URL(imagePath ?? "/icon.svg", origin).toString(),
    });
  }, [title, desc, imagePath]);
  return null;
}
