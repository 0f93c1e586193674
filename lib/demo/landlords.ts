// Demo landlords. Each signs in through the sandbox's development sign-in with its openid
// (documented in the README), which is how the e2e test plays the landlord of a listing.

export interface DemoLandlord {
  openid: string;
  nickname: string;
  realName: string;
  sex: 1 | 2;
  tel: string;
  wechat: string;
  selfDescription: string;
  /** Index into demoCities: where this landlord's flats are. */
  city: number;
}

export const demoLandlords: DemoLandlord[] = [
  {
    openid: "dev:demo-landlord-1",
    nickname: "陈先生",
    realName: "陈建国",
    sex: 1,
    tel: "13800000001",
    wechat: "chen_zhizu_demo",
    selfDescription: "在成都出租自家房子十年，房子都自己打理，欢迎来看房。",
    city: 0,
  },
  {
    openid: "dev:demo-landlord-2",
    nickname: "李女士",
    realName: "李晓梅",
    sex: 2,
    tel: "13800000002",
    wechat: "li_zhizu_demo",
    selfDescription: "房子离地铁近，家电齐全，适合上班族。",
    city: 0,
  },
  {
    openid: "dev:demo-landlord-3",
    nickname: "王先生",
    realName: "王志强",
    sex: 1,
    tel: "13800000003",
    wechat: "wang_zhizu_demo",
    selfDescription: "北京本地房东，直租无中介，押一付三可谈。",
    city: 1,
  },
  {
    openid: "dev:demo-landlord-4",
    nickname: "赵女士",
    realName: "赵丽华",
    sex: 2,
    tel: "13800000004",
    wechat: "zhao_zhizu_demo",
    selfDescription: "房子干净整洁，希望租给爱干净的租客。",
    city: 1,
  },
  {
    openid: "dev:demo-landlord-5",
    nickname: "周先生",
    realName: "周海涛",
    sex: 1,
    tel: "13800000005",
    wechat: "zhou_zhizu_demo",
    selfDescription: "上海房东，多套房源，周末可看房。",
    city: 2,
  },
  {
    openid: "dev:demo-landlord-6",
    nickname: "孙女士",
    realName: "孙雅琴",
    sex: 2,
    tel: "13800000006",
    wechat: "sun_zhizu_demo",
    selfDescription: "精装修，拎包入住，长租优先。",
    city: 2,
  },
];
