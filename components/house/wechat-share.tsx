"use client";

import { useEffect } from "react";
import { setWechatShare, withoutFragment } from "@/lib/wechat/jssdk-client";

/** The share card inside WeChat (chat and Moments); renders nothing. */
export function WechatShare({
  title,
  desc,
  imagePath,
  linkPath,
}: {
  title: string;
  desc: string;
  imagePath: string | null;
  /** The page the card opens (default: this one). */
  linkPath?: string;
}) {
  useEffect(() => {
    const { origin, href } = window.location;
    void setWechatShare({
      title,
      desc,
      link: linkPath ? new URL(linkPath, origin).toString() : withoutFragment(href),
      // WeChat needs an absolute image URL; without a cover the app icon stands in.
      imgUrl: new URL(imagePath ?? "/icon.svg", origin).toString(),
    });
  }, [title, desc, imagePath, linkPath]);
  return null;
}
